namespace Instagram.Grains.Moderation;

[GenerateSerializer, Alias("Instagram.Grains.Moderation.AdminActionState")]
public sealed class AdminActionState
{
    [Id(0)] public AdminAction? Action { get; set; }
}
