using Dossier.Cli;

return DossierCommand.Run(args, Console.Out, Console.Error);
