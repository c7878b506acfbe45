namespace DevOpsVision.Blogging.Posts;

/// <summary>A person (or group) credited with a post.</summary>
/// <param name="Name">The name as written in the front matter, or the author's identifier (for example a Jekyll author slug).</param>
/// <param name="Url">A link given for the author in the front matter, if any.</param>
public sealed record PostAuthor(string Name, string? Url = null);
