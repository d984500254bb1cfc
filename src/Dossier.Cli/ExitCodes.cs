namespace Dossier.Cli;

/// <summary>Process exit codes, as documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Every input was read.</summary>
    public const int Ok = 0;
    /// <summary>Something failed that is not the input's fault (e.g. the output file could not be written).</summary>
    public const int Failure = 1;
    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;
    /// <summary>The run finished, but some inputs were rejected (they are listed on standard error and in the output).</summary>
    public const int SomeRejected = 3;
}
