namespace Instagram.Grains.Users;

[GenerateSerializer, Alias("Instagram.Grains.Users.NameReservationState")]
public sealed class NameReservationState
{
    [Id(0)] public long? OwnerId { get; set; }
    [Id(1)] public DateTimeOffset ReservedAt { get; set; }
}
