namespace Descent.Kernel.Protocol;

/// <summary>
/// The language side of the kernel, in the manner of xeus's <c>xinterpreter</c>: it executes code, completes and
/// inspects it, and knows nothing about sockets, signatures, message ids or busy/idle status, which
/// <see cref="KernelCore"/> handles. Every method except <see cref="Interrupt"/> is called on the shell thread,
/// one at a time; <see cref="Interrupt"/> comes from the control thread while <see cref="Execute"/> may be running.
/// </summary>
public interface IKernelInterpreter : IDisposable
{
    /// <summary>What kernel_info_reply says about the implementation and the language.</summary>
    KernelInfo Info { get; }

    /// <summary>
    /// Runs one cell. Outputs go to <paramref name="output"/> as they happen; the returned outcome says whether the
    /// cell succeeded. An exception thrown here is a kernel fault, reported as an error reply.
    /// </summary>
    ExecutionOutcome Execute(ExecutionRequest request, IExecutionOutput output);

    /// <summary>Completions at <paramref name="cursor"/>, a UTF-16 index into <paramref name="code"/>.</summary>
    CompletionResult Complete(string code, int cursor);

    /// <summary>Documentation of the symbol at <paramref name="cursor"/> (a UTF-16 index), or not found.</summary>
    InspectionResult Inspect(string code, int cursor, int detailLevel);

    /// <summary>Whether <paramref name="code"/> is ready to run, needs more lines, or cannot be valid.</summary>
    Completeness IsComplete(string code);

    /// <summary>Stops the running cell if it can be stopped; a no-op when nothing runs. Thread-safe.</summary>
    void Interrupt();
}
