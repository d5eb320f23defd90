namespace Descent.Data;

/// <summary>One row of the tips data: a restaurant bill and the tip left on it (Bryant &amp; Smith, 1995).</summary>
/// <param name="TotalBill">The bill in dollars, tax included.</param>
/// <param name="Tip">The tip in dollars.</param>
/// <param name="Sex">The payer: "Female" or "Male".</param>
/// <param name="Smoker">"Yes" or "No": smokers in the party.</param>
/// <param name="Day">"Thur", "Fri", "Sat" or "Sun".</param>
/// <param name="Time">"Lunch" or "Dinner".</param>
/// <param name="Size">The party size, 1 to 6.</param>
public sealed record TipsRow(double TotalBill, double Tip, string Sex, string Smoker, string Day, string Time, int Size);
