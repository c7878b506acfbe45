namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// The stable codes of the diagnostics the library reports, so users can filter, count or silence them.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The file is empty.</summary>
    public const string EmptyFile = "DV0001";

    /// <summary>The file holds binary data or is not valid UTF-8.</summary>
    public const string NotText = "DV0002";

    /// <summary>The file is larger than <see cref="BlogOptions.MaxPostBytes"/>.</summary>
    public const string FileTooLarge = "DV0003";

    /// <summary>The file could not be read from its source.</summary>
    public const string ReadFailed = "DV0004";

    /// <summary>The front matter's opening <c>---</c> has no closing <c>---</c>.</summary>
    public const string UnclosedFrontMatter = "DV0101";

    /// <summary>The front matter is not valid YAML.</summary>
    public const string InvalidYaml = "DV0102";

    /// <summary>The front matter was not strict YAML but was read the way Jekyll reads it.</summary>
    public const string FrontMatterRepaired = "DV0103";

    /// <summary>The front matter is too large or too deeply nested (for example, a YAML alias bomb).</summary>
    public const string FrontMatterTooComplex = "DV0104";

    /// <summary>A known front-matter field has a value of the wrong shape (for example, <c>tags: {a: b}</c>).</summary>
    public const string WrongType = "DV0105";

    /// <summary>The post has no title; one was derived from its first heading or file name.</summary>
    public const string MissingTitle = "DV0110";

    /// <summary>A date could not be read, or names a day or local time that does not exist.</summary>
    public const string InvalidDate = "DV0111";

    /// <summary>The post has no date in its front matter or file name.</summary>
    public const string MissingDate = "DV0112";

    /// <summary>No slug could be made from the front matter, the file name or the title.</summary>
    public const string MissingSlug = "DV0113";

    /// <summary>Two posts have the same slug; the second (by path) is left out.</summary>
    public const string DuplicateSlug = "DV0114";

    /// <summary>An alias is claimed by two posts, or equals another post's slug; the later claim is ignored.</summary>
    public const string DuplicateAlias = "DV0115";

    /// <summary>A value was ignored (for example, a second series).</summary>
    public const string ValueIgnored = "DV0116";

    /// <summary>A shortcode or template tag has no registered handler and is left as text.</summary>
    public const string UnknownShortcode = "DV0201";

    /// <summary>A shortcode handler reported a problem or failed.</summary>
    public const string ShortcodeFailed = "DV0202";

    /// <summary>Two spellings of a category or tag (differing in case or accents) were merged into one term.</summary>
    public const string TermMerged = "DV0401";

    /// <summary>A category, tag or series without letters or digits was ignored.</summary>
    public const string TermIgnored = "DV0402";

    /// <summary>Two different category or tag names would share a slug; the later one got a numbered slug.</summary>
    public const string TermSlugClash = "DV0403";

    /// <summary>The Markdown is nested too deeply or is too complex to render safely.</summary>
    public const string TooDeeplyNested = "DV0301";

    /// <summary>Rendering failed unexpectedly.</summary>
    public const string RenderFailed = "DV0302";

    /// <summary>Warning: the post's quotations could not be read; the post loads without them.</summary>
    public const string QuoteExtractionFailed = "DV0501";
}
