// The `descent` command. Each subcommand lives in Commands/<Name>Command.cs and exposes `static Command Create()`;
// registering one is a single line below.
using System.CommandLine;
using Descent.Cli.Commands;
using Descent.Notebooks.Running;

// The worker a notebook of `run` or `export` runs in (hidden: started by descent itself, see WorkerProcess).
if (args.Length > 0 && args[0] == NotebookWorker.Subcommand) return await NotebookWorker.MainAsync(args);

var root = new RootCommand("descent: run and export the Descent C# notebooks, serve the exported site, and serve the notebooks to Jupyter.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(KernelCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
return await root.Parse(args).InvokeAsync();
