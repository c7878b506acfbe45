using System.Runtime.InteropServices;
using DevOpsVision.Samples.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// A service manager or container stops `build --watch` with SIGTERM: end as cleanly as on Ctrl+C.
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
return await BlogCli.RunAsync(args, Console.Out, Console.Error, cancel.Token);
