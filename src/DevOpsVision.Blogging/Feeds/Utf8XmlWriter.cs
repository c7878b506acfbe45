using System.Buffers;
using System.Text;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>
/// A small forward-only XML writer for feeds: UTF-8 into a pooled buffer, flushed to the stream. It writes
/// what feeds need (elements with fixed prefixes, attributes, escaped text, CDATA, processing instructions),
/// indented, and checks that every element it opens is closed. Feeds are mostly fixed markup around a few
/// strings; <see cref="System.Xml.XmlWriter"/>'s per-call checks and per-writer buffers cost more than
/// the writing itself for a 20-item feed.
/// </summary>
/// <remarks>Strings must already be free of characters XML forbids (<see cref="XmlText.Clean"/>).</remarks>
internal sealed class Utf8XmlWriter : IDisposable
{
    private readonly Stream _output;
    private readonly Stack<string> _open = new(8);
    private byte[] _buffer;
    private int _used;
    private bool _startTagOpen;
    private bool _hasText;

    public Utf8XmlWriter(Stream output)
    {
        _output = output;
        _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    }

    public void WriteStartDocument() => Ascii("<?xml version=\"1.0\" encoding=\"utf-8\"?>");

    public void WriteProcessingInstruction(string name, string text)
    {
        NewLine(0);
        Ascii("<?");
        Text(name, attribute: false);
        Ascii(" ");
        Text(text, attribute: false);
        Ascii("?>");
    }

    public void WriteStartElement(string name)
    {
        CloseStartTag();
        NewLine(_open.Count);
        Ascii("<");
        Ascii(name);
        _open.Push(name);
        _startTagOpen = true;
        _hasText = false;
    }

    public void WriteAttribute(string name, string value)
    {
        if (!_startTagOpen)
        {
            throw new InvalidOperationException($"Attribute '{name}' written outside a start tag.");
        }

        Ascii(" ");
        Ascii(name);
        Ascii("=\"");
        Text(value, attribute: true);
        Ascii("\"");
    }

    public void WriteString(string text)
    {
        CloseStartTag();
        Text(text, attribute: false);
        _hasText = true;
    }

    public void WriteChars(ReadOnlySpan<char> text)
    {
        CloseStartTag();
        Text(text, attribute: false);
        _hasText = true;
    }

    public void WriteElementString(string name, string text)
    {
        WriteStartElement(name);
        WriteString(text);
        WriteEndElement();
    }

    /// <summary>Writes text as CDATA sections, splitting any <c>]]&gt;</c> across two sections.</summary>
    public void WriteCData(string text)
    {
        CloseStartTag();
        Ascii("<![CDATA[");
        ReadOnlySpan<char> rest = text;
        while (true)
        {
            int end = rest.IndexOf("]]>", StringComparison.Ordinal);
            if (end < 0)
            {
                Utf8(rest);
                break;
            }

            // "]]" ends this section; ">" starts the next.
            Utf8(rest[..(end + 2)]);
            Ascii("]]><![CDATA[");
            rest = rest[(end + 2)..];
        }

        Ascii("]]>");
        _hasText = true;
    }

    public void WriteEndElement()
    {
        string name = _open.Pop();
        if (_startTagOpen)
        {
            Ascii(" />");
            _startTagOpen = false;
        }
        else
        {
            if (!_hasText)
            {
                NewLine(_open.Count);
            }

            Ascii("</");
            Ascii(name);
            Ascii(">");
        }

        _hasText = false;
    }

    public void WriteEndDocument()
    {
        if (_open.Count != 0)
        {
            throw new InvalidOperationException($"Element '{_open.Peek()}' is still open.");
        }

        Flush();
    }

    public void Flush()
    {
        if (_used > 0)
        {
            _output.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    public void Dispose()
    {
        Flush();
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CloseStartTag()
    {
        if (_startTagOpen)
        {
            Ascii(">");
            _startTagOpen = false;
        }
    }

    private void NewLine(int depth)
    {
        Ensure(1 + (2 * depth));
        _buffer[_used++] = (byte)'\n';
        for (int i = 0; i < depth; i++)
        {
            _buffer[_used++] = (byte)' ';
            _buffer[_used++] = (byte)' ';
        }
    }

    private void Ascii(string text)
    {
        Ensure(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            _buffer[_used++] = (byte)text[i];
        }
    }

    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> (and <c>"</c> in attributes) and encodes the rest as UTF-8.</summary>
    private void Text(ReadOnlySpan<char> text, bool attribute)
    {
        while (!text.IsEmpty)
        {
            int special = attribute ? text.IndexOfAny("&<>\"") : text.IndexOfAny('&', '<', '>');
            ReadOnlySpan<char> plain = special < 0 ? text : text[..special];
            Utf8(plain);
            if (special < 0)
            {
                return;
            }

            Ascii(text[special] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "&quot;" });
            text = text[(special + 1)..];
        }
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            Ensure(Math.Min(text.Length * 3, 4096) + 4);
            int room = (_buffer.Length - _used) / 3;
            int take = Math.Min(room, text.Length);
            if (take < text.Length && take > 0 && char.IsHighSurrogate(text[take - 1]))
            {
                take--;
            }

            _used += Encoding.UTF8.GetBytes(text[..take], _buffer.AsSpan(_used));
            text = text[take..];
        }
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _used >= bytes)
        {
            return;
        }

        Flush();
        if (_buffer.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }
}
