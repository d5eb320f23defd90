namespace Descent.Site.Export;

/// <summary>The summary an export prints: one line per lesson (status, page size, charts, formulas), then warnings.</summary>
public static class ExportReport
{
    /// <summary>Writes the summary of <paramref name="result"/>.</summary>
    public static void Write(SiteExportResult result, TextWriter writer)
    {
        var width = Math.Max(6, result.Lessons.Max(l => l.PageFile.Length));
        writer.WriteLine($"{"page".PadRight(width)}  status  {"size",9}  charts  formulas");
        foreach (var l in result.Lessons)
        {
            var status = l.Failure is null ? "ok" : "FAILED";
            writer.WriteLine($"{l.PageFile.PadRight(width)}  {status,-6}  {Kb(l.PageBytes),9}  {l.Charts,6}  {l.Formulas,8}");
            if (l.Failure is not null) writer.WriteLine($"{"".PadRight(width)}  {l.Failure}");
        }
        foreach (var l in result.Lessons)
            foreach (var w in l.Warnings)
                writer.WriteLine($"warning: {l.PageFile}: {w}");
        foreach (var w in result.IndexWarnings)
            writer.WriteLine($"warning: index.html: {w}");
        var failed = result.Lessons.Count(l => l.Failure is not null);
        writer.WriteLine($"{result.Lessons.Count} lessons, {failed} failed; shared assets {Kb(result.AssetBytes)} (written once).");
        if (result.Handouts.Count > 0)
            writer.WriteLine($"Handouts: {result.Handouts.Count / 2} student (no answers, no speaker notes) and {result.Handouts.Count / 2} teacher (answers and notes), e.g. {result.Handouts[0]}; open one and print it.");
        writer.WriteLine($"Open {Path.Combine(result.SiteDirectory, "index.html")} in a browser (works offline, from disk).");
    }

    private static string Kb(long bytes) => $"{bytes / 1024.0:0.0} KB";
}
