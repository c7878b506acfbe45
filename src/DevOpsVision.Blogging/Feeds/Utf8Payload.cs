using System.Buffers;
using System.Text;
using System.Xml;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>
/// Writes the large HTML payloads of a feed straight to the stream as UTF-8 CDATA sections, between an
/// <see cref="XmlWriter"/>'s start and end tags. HTML has a markup character every few characters, so
/// escaping it costs more than the rest of the feed; CDATA needs only a vectorized search for <c>]]&gt;</c>
/// and a vectorized transcoding. The writer is flushed first, so the bytes land exactly where the
/// element's content belongs. Readers see the same text either way.
/// </summary>
internal static class Utf8Payload
{
    /// <summary>Writes <paramref name="text"/> as CDATA sections, splitting any <c>]]&gt;</c> across two sections.</summary>
    public static void WriteCData(XmlWriter xml, Stream output, string text)
    {
        Begin(xml);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(text.Length * 3, 1 << 20) + 32);
        try
        {
            int used = AppendBytes(output, buffer, 0, "<![CDATA["u8);
            ReadOnlySpan<char> rest = text;
            while (true)
            {
                int end = rest.IndexOf("]]>", StringComparison.Ordinal);
                if (end < 0)
                {
                    used = Append(output, buffer, used, rest);
                    break;
                }

                // "]]" ends this section; ">" starts the next.
                used = Append(output, buffer, used, rest[..(end + 2)]);
                used = AppendBytes(output, buffer, used, "]]><![CDATA["u8);
                rest = rest[(end + 2)..];
            }

            used = AppendBytes(output, buffer, used, "]]>"u8);
            output.Write(buffer, 0, used);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Begin(XmlWriter xml)
    {
        // An empty string closes the pending start tag ("<content ...>") without writing content.
        xml.WriteString(string.Empty);
        xml.Flush();
    }

    private static int Append(Stream output, byte[] buffer, int used, ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            if (buffer.Length - used < 16)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }

            int take = Math.Min(chars.Length, (buffer.Length - used) / 3);
            if (take > 0 && take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
            {
                take--;
            }

            used += Encoding.UTF8.GetBytes(chars[..take], buffer.AsSpan(used));
            chars = chars[take..];
        }

        return used;
    }

    private static int AppendBytes(Stream output, byte[] buffer, int used, ReadOnlySpan<byte> bytes)
    {
        if (buffer.Length - used < bytes.Length)
        {
            output.Write(buffer, 0, used);
            used = 0;
        }

        bytes.CopyTo(buffer.AsSpan(used));
        return used + bytes.Length;
    }
}
