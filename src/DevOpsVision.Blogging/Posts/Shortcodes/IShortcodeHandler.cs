namespace DevOpsVision.Blogging.Posts.Shortcodes;

/// <summary>
/// Renders one named shortcode or template tag found in a post body: Hugo's <c>{{&lt; name &gt;}}</c> and
/// <c>{{% name %}}</c>, Liquid's <c>{% name %}</c>, and Liquid output filters such as <c>{{ "/path/" | url }}</c>
/// (named after the filter). Register implementations in DI; the last one registered for a name wins.
/// </summary>
/// <remarks>Handlers are called from many threads at once and must be thread-safe.</remarks>
public interface IShortcodeHandler
{
    /// <summary>The shortcode's name, compared without regard to case.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the shortcode may enclose content up to a closing tag (<c>{{&lt; /name &gt;}}</c> or <c>{% endname %}</c>).
    /// The parser looks for the closing tag only when this is <see langword="true"/>.
    /// </summary>
    bool AcceptsContent { get; }

    /// <summary>Renders the shortcode.</summary>
    /// <param name="shortcode">The shortcode as written, with its arguments and enclosed content.</param>
    /// <param name="context">The post being parsed: its front matter, its blog's options, and a way to report problems.</param>
    /// <returns>Markdown (which may contain HTML) that replaces the shortcode in the body before it is parsed.</returns>
    string Render(Shortcode shortcode, ShortcodeContext context);
}
