using DevOpsVision.Blogging.Quotes;

namespace DevOpsVision.Blogging.Tests.Quotes;

public class HtmlQuotesNormalizeTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a b", "a b")]
    [InlineData(" a  b\tc\u00A0d\u202Fe\u2003f\r\n", "a b c d e f")]
    [InlineData("   ", "")]
    [InlineData("a\u001Cb", "a\u001Cb")]
    public void Normalize_CollapsesWhiteSpace(string text, string expected) => Assert.Equal(expected, HtmlQuotes.Normalize(text));

    [Fact]
    public void Normalize_AgreesWithSplittingOnWhiteSpace_OnRandomText()
    {
        const string alphabet = "ab  \t\n\u00A0\u202F\u2003\u3000\u0085x.“";
        var random = new Random(99);
        for (int round = 0; round < 3000; round++)
        {
            var chars = new char[random.Next(0, 30)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            string text = new(chars);
            string expected = string.Join(' ', Words(text));
            Assert.True(expected == HtmlQuotes.Normalize(text), $"'{text}'");
        }
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (char c in text + " ")
        {
            if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F')
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        return words;
    }
}
