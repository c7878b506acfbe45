using System.Text;
using DevOpsVision.Blogging.Feeds;

namespace DevOpsVision.Blogging.Text;

/// <summary>Unicode normalization that cannot be made to throw by a post's text.</summary>
internal static class UnicodeNormal
{
    /// <summary>
    /// <paramref name="text"/> in <paramref name="form"/>. <see cref="string.Normalize(NormalizationForm)"/> throws on
    /// U+FFFE and on a surrogate without its pair, which valid UTF-8 and YAML escapes can both carry into a tag or a
    /// title. Such characters name nothing: when normalization refuses the text, they are dropped and it is tried again.
    /// </summary>
    public static string Normalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            // What XML cannot carry includes everything normalization rejects, and names nothing either.
            string valid = XmlText.Clean(text);
            try
            {
                return valid.Normalize(form);
            }
            catch (ArgumentException)
            {
                return valid;
            }
        }
    }
}
