namespace DevOpsVision.Blogging.Posts.Shortcodes;

/// <summary>The template syntax a shortcode was written in.</summary>
public enum ShortcodeSyntax
{
    /// <summary>Hugo's <c>{{&lt; name args &gt;}}</c>: the output is HTML.</summary>
    HugoHtml = 0,

    /// <summary>Hugo's <c>{{% name args %}}</c>: the output is Markdown.</summary>
    HugoMarkdown = 1,

    /// <summary>A Liquid or Nunjucks tag, <c>{% name args %}</c> (Jekyll, Eleventy).</summary>
    LiquidTag = 2,

    /// <summary>A Liquid or Nunjucks output, <c>{{ value | filter }}</c>; the name is the first filter, or the variable when there is none.</summary>
    LiquidOutput = 3,
}

/// <summary>One shortcode found in a post body.</summary>
/// <param name="Name">The shortcode's name as written.</param>
/// <param name="Syntax">The template syntax it was written in.</param>
/// <param name="Positional">Unnamed arguments, unquoted, in order. For <see cref="ShortcodeSyntax.LiquidOutput"/> the first is the value before the filter.</param>
/// <param name="Named">Named arguments (<c>src="a.png"</c>), unquoted.</param>
/// <param name="Content">The text between the opening and the closing tag, or <see langword="null"/> when the shortcode encloses nothing.</param>
/// <param name="Line">The one-based line of the shortcode in the file.</param>
/// <param name="Column">The one-based column of the shortcode in the file.</param>
public sealed record Shortcode(
    string Name,
    ShortcodeSyntax Syntax,
    IReadOnlyList<string> Positional,
    IReadOnlyDictionary<string, string> Named,
    string? Content,
    int Line,
    int Column)
{
    /// <summary>Returns the named argument, else the positional one at <paramref name="position"/>, else <see langword="null"/>.</summary>
    /// <param name="name">The argument's name.</param>
    /// <param name="position">The argument's position when written without names; -1 when it has no position.</param>
    /// <returns>The argument's value, or <see langword="null"/>.</returns>
    public string? Get(string name, int position = -1)
    {
        if (Named.TryGetValue(name, out string? value))
        {
            return value;
        }

        return position >= 0 && position < Positional.Count ? Positional[position] : null;
    }
}
