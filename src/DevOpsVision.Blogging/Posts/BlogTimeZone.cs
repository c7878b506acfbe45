namespace DevOpsVision.Blogging;

/// <summary>Finds the blog's time zone by IANA (or Windows) id.</summary>
internal static class BlogTimeZone
{
    public static bool TryResolve(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        if (id is "UTC" or "Etc/UTC" or "utc")
        {
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo Resolve(string? id) =>
        TryResolve(id, out TimeZoneInfo zone)
            ? zone
            : throw new ArgumentException($"BlogOptions.TimeZone '{id}' is not a time zone this machine knows; use an IANA id such as 'Europe/Stockholm' or 'UTC'.", nameof(id));
}
