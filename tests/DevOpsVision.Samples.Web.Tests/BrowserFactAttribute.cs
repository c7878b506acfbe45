namespace DevOpsVision.Samples.Web.Tests;

/// <summary>A fact that needs the system's Chromium and ChromeDriver; skipped, saying why, when either is missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>The browser: <c>CHROMIUM_PATH</c> if set, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string Chromium { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The driver: <c>CHROMEDRIVER_PATH</c> if set, else Debian's <c>/usr/bin/chromedriver</c>.</summary>
    public static string ChromeDriver { get; } = Environment.GetEnvironmentVariable("CHROMEDRIVER_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        string[] missing = [.. new[] { Chromium, ChromeDriver }.Where(static path => !File.Exists(path))];
        if (missing.Length > 0)
        {
            Skip = $"Browser test needs {string.Join(" and ", missing)} (Debian: apt-get install chromium chromium-driver).";
        }
    }
}
