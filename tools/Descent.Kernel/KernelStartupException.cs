namespace Descent.Kernel;

/// <summary>The kernel cannot start: a bad connection file, an unknown signature scheme, a port in use.</summary>
public sealed class KernelStartupException(string message, Exception? inner = null) : Exception(message, inner);
