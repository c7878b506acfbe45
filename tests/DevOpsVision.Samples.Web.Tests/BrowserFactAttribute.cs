namespace DevOpsVision.Samples.Web.Tests;

/// <summary>A fact that needs the system's Chromium and ChromeDriver; skipped, saying why, when either is missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        string[] missing = [.. new[] { Chromium, ChromeDriver }.Where(static path => !File.Exists(path))];
        if (missing.Length > 0)
        {
            Skip = $"Browser test needs {string.Join(" and ", missing)} (Debian: apt-get install chromium chromium-driver).";
        }
    }
}
