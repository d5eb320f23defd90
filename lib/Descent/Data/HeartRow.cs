namespace Descent.Data;

/// <summary>
/// One patient of the heart data (ISLR's Heart, from the Cleveland Clinic heart-disease study).
/// <see cref="Ca"/> and <see cref="Thal"/> are null where the file says NA.
/// </summary>
/// <param name="Age">Age in years.</param>
/// <param name="Sex">1 = male, 0 = female.</param>
/// <param name="ChestPain">"typical", "nontypical", "nonanginal" or "asymptomatic".</param>
/// <param name="RestBP">Resting blood pressure (mm Hg).</param>
/// <param name="Chol">Serum cholesterol (mg/dl).</param>
/// <param name="Fbs">Fasting blood sugar &gt; 120 mg/dl (1 = yes).</param>
/// <param name="RestECG">Resting ECG result (0, 1, 2).</param>
/// <param name="MaxHR">Maximum heart rate achieved.</param>
/// <param name="ExAng">Exercise-induced angina (1 = yes).</param>
/// <param name="Oldpeak">ST depression induced by exercise.</param>
/// <param name="Slope">Slope of the peak exercise ST segment (1, 2, 3).</param>
/// <param name="Ca">Number of major vessels coloured by fluoroscopy (0–3), or null (NA).</param>
/// <param name="Thal">"fixed", "normal" or "reversable" (sic), or null (NA).</param>
/// <param name="Ahd">Angiographic heart disease: true for "Yes".</param>
/// <param name="Line">The line in the file (the header is line 1).</param>
public sealed record HeartRow(
    double Age, double Sex, string ChestPain, double RestBP, double Chol, double Fbs, double RestECG,
    double MaxHR, double ExAng, double Oldpeak, double Slope, double? Ca, string? Thal, bool Ahd, int Line)
{
    /// <summary>Whether every column has a value (no NA).</summary>
    public bool IsComplete => Ca is not null && Thal is not null;
}
