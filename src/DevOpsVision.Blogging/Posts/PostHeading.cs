namespace DevOpsVision.Blogging.Posts;

/// <summary>One entry of a post's table of contents.</summary>
/// <param name="Level">The heading level, 1 to 6.</param>
/// <param name="Text">The heading as plain text.</param>
/// <param name="Id">The anchor identifier rendered on the heading (link to it as <c>#Id</c>).</param>
public sealed record PostHeading(int Level, string Text, string Id);
