using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace DevOpsVision.Samples.Web.Tests;

/// <summary>The built web sample, started as its own process on a free loopback port, with no set-up beyond its defaults.</summary>
public sealed class SampleApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleApp(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string Metadata(string key) =>
        typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static Task<SampleApp> StartAsync() => StartAsync([]);

    /// <summary>Starts the sample with extra command-line arguments (configuration such as <c>--Blog:ContentPath</c>).</summary>
    public static async Task<SampleApp> StartAsync(string[] arguments)
    {
        string assembly = Metadata("SampleAssembly");
        Assert.True(File.Exists(assembly), $"The sample is not built: {assembly}");
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", address.GetLeftPart(UriPartial.Authority) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new SampleApp(process, address);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                string output = app.Output;
                await app.DisposeAsync();
                Assert.Fail($"The sample exited with code {process.ExitCode}:\n{output}");
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync(address);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            if (DateTime.UtcNow > giveUp)
            {
                string output = app.Output;
                await app.DisposeAsync();
                Assert.Fail($"The sample did not answer on {address} within a minute:\n{output}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
