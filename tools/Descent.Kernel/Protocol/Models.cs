using System.Text.Json.Nodes;

namespace Descent.Kernel.Protocol;

/// <summary>A value in several representations, keyed by MIME type (display_data's data and metadata).</summary>
/// <param name="Data">MIME type to representation: a string, or JSON for JSON types.</param>
/// <param name="Metadata">Metadata for the whole bundle or per MIME type.</param>
public sealed record MimeBundle(JsonObject Data, JsonObject Metadata)
{
    /// <summary>A bundle with only text/plain.</summary>
    public static MimeBundle PlainText(string text) => new(new JsonObject { ["text/plain"] = text }, new JsonObject());
}

/// <summary>An execute_request as the interpreter sees it.</summary>
/// <param name="Code">The cell's source.</param>
/// <param name="Silent">No output is broadcast and no result is produced.</param>
/// <param name="StoreHistory">The cell counts in the history and the execution counter.</param>
/// <param name="AllowStdin">The front end answers input requests.</param>
/// <param name="ExecutionCount">The counter value for this cell's In[n]/Out[n].</param>
public sealed record ExecutionRequest(string Code, bool Silent, bool StoreHistory, bool AllowStdin, int ExecutionCount);

/// <summary>How a cell ended: success, or an error with its name, message and traceback lines.</summary>
public sealed record ExecutionOutcome(bool Succeeded, string ErrorName, string ErrorValue, IReadOnlyList<string> Traceback)
{
    /// <summary>The cell ran to the end.</summary>
    public static ExecutionOutcome Ok { get; } = new(true, "", "", []);

    /// <summary>The cell failed (compile error, exception, interruption, time limit).</summary>
    public static ExecutionOutcome Error(string name, string value, IReadOnlyList<string> traceback) =>
        new(false, name, value, traceback);
}

/// <summary>One completion candidate.</summary>
/// <param name="Text">The text that replaces the completed span.</param>
/// <param name="Kind">What it is, in JupyterLab's vocabulary ("method", "property", "class", "keyword", ...).</param>
/// <param name="Signature">A one-line description, or "".</param>
public sealed record CompletionMatch(string Text, string Kind, string Signature);

/// <summary>Completions and the span of the code they replace (UTF-16 indices).</summary>
public sealed record CompletionResult(IReadOnlyList<CompletionMatch> Matches, int Start, int End);

/// <summary>The answer to an inspect request: whether a symbol was found, and its documentation.</summary>
public sealed record InspectionResult(bool Found, MimeBundle? Bundle)
{
    /// <summary>Nothing to show at the cursor.</summary>
    public static InspectionResult NotFound { get; } = new(false, null);
}

/// <summary>is_complete_reply's status values.</summary>
public enum CompletenessStatus
{
    /// <summary>Ready to execute.</summary>
    Complete,
    /// <summary>More lines are needed.</summary>
    Incomplete,
    /// <summary>Cannot become valid by adding lines; execute it to see the error.</summary>
    Invalid,
    /// <summary>The kernel cannot tell.</summary>
    Unknown,
}

/// <summary>is_complete's answer; <see cref="Indent"/> matters only when incomplete.</summary>
public sealed record Completeness(CompletenessStatus Status, string Indent = "");

/// <summary>A help menu entry.</summary>
public sealed record HelpLink(string Text, string Url);

/// <summary>kernel_info_reply's language_info.</summary>
public sealed record LanguageInfo(string Name, string Version, string MimeType, string FileExtension,
                                  string PygmentsLexer, string CodeMirrorMode);

/// <summary>kernel_info_reply's description of the kernel.</summary>
public sealed record KernelInfo(string Implementation, string ImplementationVersion, LanguageInfo Language,
                                string Banner, IReadOnlyList<HelpLink> HelpLinks);
