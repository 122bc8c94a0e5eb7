namespace Instagram.Grains.Media;

/// <summary>
/// What the transcoder left in <see cref="Directory"/>: the master playlist, a playlist and segments per rung and the
/// poster (<see cref="Files"/>, names relative to the directory, as the playlists reference them).
/// </summary>
public sealed record TranscodedVideo(string Directory, IReadOnlyList<string> Files, IReadOnlyList<int> Rungs);
