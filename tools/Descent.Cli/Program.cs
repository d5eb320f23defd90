// The `descent` command. Subcommands arrive with the engine, export and kernel issues.
Console.Error.WriteLine("descent: no commands yet");
return 2;
