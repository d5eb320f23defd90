namespace Descent.Kernel.Protocol;

/// <summary>Where a running cell's outputs go: IOPub for a normal request, nowhere for a silent one.</summary>
public interface IExecutionOutput
{
    /// <summary>Text written to "stdout" or "stderr".</summary>
    void Stream(string name, string text);

    /// <summary>A displayed value; a non-null <paramref name="displayId"/> lets it be updated later.</summary>
    void Display(MimeBundle bundle, string? displayId);

    /// <summary>Replaces every output shown under <paramref name="displayId"/>.</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>The cell's value (its trailing expression); the kernel adds the execution count.</summary>
    void Result(MimeBundle bundle);

    /// <summary>Clears the cell's output (when <paramref name="wait"/>, only once new output arrives).</summary>
    void ClearOutput(bool wait);

    /// <summary>
    /// Asks the front end for a line of input (input_request on the stdin channel) and waits for it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request did not allow stdin.</exception>
    string RequestInput(string prompt, bool password);
}
