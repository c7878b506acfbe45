using DevOpsVision.Samples.Worker;

// Ctrl+C (or SIGTERM) stops the host, which cancels the watcher and waits for it.
await WorkerApp.CreateBuilder(args).Build().RunAsync();
