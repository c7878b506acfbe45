using System.Globalization;

namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// Reads the date shapes found in Jekyll and Hugo front matter and file names into instants,
/// placing dates without an offset in the blog's time zone.
/// </summary>
internal static class PostDates
{
    public enum Outcome
    {
        Ok,
        Malformed,
        DoesNotExist,
        LocalTimeSkipped,
    }

    /// <summary>
    /// Parses <c>2021-02-06</c>, <c>2021-02-06 06:01</c>, <c>2021-02-06T06:01:00Z</c>, <c>2015-03-17 14:00:00 -4</c>,
    /// <c>2014-03-19T10:14:29-04:00</c>, fractions of seconds, and single-digit months and days.
    /// </summary>
    public static Outcome TryParse(ReadOnlySpan<char> text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        int i = 0;
        if (!ReadNumber(text, ref i, 4, 4, out int year) || !Expect(text, ref i, '-')
            || !ReadNumber(text, ref i, 1, 2, out int month) || !Expect(text, ref i, '-')
            || !ReadNumber(text, ref i, 1, 2, out int day))
        {
            return Outcome.Malformed;
        }

        int hour = 0, minute = 0, second = 0;
        long ticks = 0;
        TimeSpan? offset = null;
        if (i < text.Length)
        {
            if (text[i] is not ('T' or 't' or ' '))
            {
                return Outcome.Malformed;
            }

            while (i < text.Length && text[i] is 'T' or 't' or ' ')
            {
                i++;
            }

            if (!ReadNumber(text, ref i, 1, 2, out hour) || !Expect(text, ref i, ':') || !ReadNumber(text, ref i, 2, 2, out minute))
            {
                return Outcome.Malformed;
            }

            if (i < text.Length && text[i] == ':')
            {
                i++;
                if (!ReadNumber(text, ref i, 2, 2, out second))
                {
                    return Outcome.Malformed;
                }

                if (i < text.Length && text[i] is '.' or ',')
                {
                    i++;
                    int digits = 0;
                    long scale = TimeSpan.TicksPerSecond;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        if (digits < 7)
                        {
                            scale /= 10;
                            ticks += (text[i] - '0') * scale;
                        }

                        digits++;
                        i++;
                    }

                    if (digits == 0)
                    {
                        return Outcome.Malformed;
                    }
                }
            }

            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i < text.Length)
            {
                if (text[i] is 'Z' or 'z')
                {
                    offset = TimeSpan.Zero;
                    i++;
                }
                else if (text[i] is '+' or '-')
                {
                    int sign = text[i] == '-' ? -1 : 1;
                    i++;
                    if (!ReadNumber(text, ref i, 1, 2, out int offsetHours))
                    {
                        return Outcome.Malformed;
                    }

                    int offsetMinutes = 0;
                    if (i < text.Length && text[i] == ':')
                    {
                        i++;
                    }

                    if (i < text.Length && !ReadNumber(text, ref i, 2, 2, out offsetMinutes))
                    {
                        return Outcome.Malformed;
                    }

                    if (offsetHours > 14 || offsetMinutes > 59)
                    {
                        return Outcome.DoesNotExist;
                    }

                    offset = new TimeSpan(sign * offsetHours, sign * offsetMinutes, 0);
                }
                else
                {
                    return Outcome.Malformed;
                }
            }

            if (i != text.Length)
            {
                return Outcome.Malformed;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Outcome.DoesNotExist;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        if (offset is { } explicitOffset)
        {
            value = new DateTimeOffset(local, explicitOffset);
            return Outcome.Ok;
        }

        return TryPlaceInZone(local, zone, out value) ? Outcome.Ok : Outcome.LocalTimeSkipped;
    }

    /// <summary>
    /// Gives a wall-clock time its offset in <paramref name="zone"/>. A time skipped by a daylight-saving
    /// change does not exist; an ambiguous one (the hour repeated in autumn) takes the earlier instant.
    /// </summary>
    public static bool TryPlaceInZone(DateTime local, TimeZoneInfo zone, out DateTimeOffset value)
    {
        if (zone.IsInvalidTime(local))
        {
            value = default;
            return false;
        }

        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            TimeSpan[] offsets = zone.GetAmbiguousTimeOffsets(local);
            offset = offsets[0] > offsets[^1] ? offsets[0] : offsets[^1];
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>Reads a Jekyll file-name date (<c>2021-02-06-title</c>, also <c>2024-12-5-title</c>) and the rest of the name.</summary>
    public static bool TryParseFileName(ReadOnlySpan<char> name, out int year, out int month, out int day, out int restStart)
    {
        year = month = day = 0;
        restStart = 0;
        int i = 0;
        if (!ReadNumber(name, ref i, 4, 4, out year) || !Expect(name, ref i, '-')
            || !ReadNumber(name, ref i, 1, 2, out month) || !Expect(name, ref i, '-')
            || !ReadNumber(name, ref i, 1, 2, out day))
        {
            return false;
        }

        if (i < name.Length && name[i] != '-')
        {
            return false;
        }

        restStart = Math.Min(i + 1, name.Length);
        return month is >= 1 and <= 12 && day >= 1 && year >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    public static string Describe(Outcome outcome, string field, string value) => outcome switch
    {
        Outcome.DoesNotExist => $"'{field}' is '{value}', a date that does not exist.",
        Outcome.LocalTimeSkipped => $"'{field}' is '{value}', a local time skipped by a daylight-saving change in the blog's time zone.",
        _ => string.Create(CultureInfo.InvariantCulture, $"'{field}' is '{Truncate(value)}', which is not a date; write it as 2021-02-06, 2021-02-06 06:01 or 2021-02-06T06:01:00+01:00."),
    };

    private static string Truncate(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "...");

    private static bool ReadNumber(ReadOnlySpan<char> text, ref int i, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        int start = i;
        while (i < text.Length && i - start < maxDigits && char.IsAsciiDigit(text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return i - start >= minDigits && (i >= text.Length || !char.IsAsciiDigit(text[i]));
    }

    private static bool Expect(ReadOnlySpan<char> text, ref int i, char expected)
    {
        if (i < text.Length && text[i] == expected)
        {
            i++;
            return true;
        }

        return false;
    }
}
