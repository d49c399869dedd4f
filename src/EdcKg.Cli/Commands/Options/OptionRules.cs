using System.CommandLine;
using System.Globalization;

namespace EdcKg.Cli.Commands.Options;

/// <summary>
/// Validators on options: a value that breaks a rule is a parse error naming the option (exit code 2), on the command
/// line and in <c>edckg.json</c> alike, before a command starts any work.
/// </summary>
internal static class OptionRules
{
    /// <summary>
    /// Adds a rule: <paramref name="problem"/> returns what is wrong with a value (the error then reads
    /// "--option problem", unless the text names the option itself), or null when the value is fine.
    /// </summary>
    public static Option<T> Rule<T>(this Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // The value did not convert: the parser reports that already.
                return;
            }

            if (problem(value) is { } message)
            {
                result.AddError(message.StartsWith(option.Name, StringComparison.Ordinal) ? message : $"{option.Name} {message}");
            }
        });
        return option;
    }

    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
        => option.Rule(v => v < minimum ? string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum} (got {v}).") : null);

    /// <summary>The value, when given, must be at least <paramref name="minimum"/>.</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int minimum)
        => option.Rule(v => v < minimum ? string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum} (got {v}).") : null);

    /// <summary>The value must be a positive number of seconds.</summary>
    public static Option<double> PositiveSeconds(this Option<double> option)
        => option.Rule(v => v > 0 ? null : string.Create(CultureInfo.InvariantCulture, $"must be a positive number of seconds (got {v})."));

    /// <summary>The value, when given, must not be negative.</summary>
    public static Option<decimal?> NotNegative(this Option<decimal?> option)
        => option.Rule(v => v < 0 ? string.Create(CultureInfo.InvariantCulture, $"must not be negative (got {v}).") : null);
}
