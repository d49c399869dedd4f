using System.Text;

namespace EdcKg.Core.Inputs;

/// <summary>
/// The clean-up every extracted text gets, so offsets refer to one stable text: line breaks become <c>\n</c>, control
/// characters other than line breaks and tabs go, trailing spaces on a line go, at most one empty line separates
/// paragraphs, and the text is trimmed.
/// </summary>
internal static class PlainText
{
    public static string Tidy(string text)
    {
        var builder = new StringBuilder(text.Length);
        var newlines = 0;
        var pendingSpace = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                c = '\n';
            }

            if (c == '\n' || c == '\u2028' || c == '\u2029')
            {
                pendingSpace.Clear();
                newlines++;
                continue;
            }

            if (char.IsControl(c) && c != '\t')
            {
                continue;
            }

            if (c is ' ' or '\t' or '\u00A0')
            {
                pendingSpace.Append(c == '\u00A0' ? ' ' : c);
                continue;
            }

            if (builder.Length > 0)
            {
                if (newlines > 0)
                {
                    builder.Append('\n', Math.Min(newlines, 2));
                    pendingSpace.Clear();
                }
                else
                {
                    builder.Append(pendingSpace);
                }
            }

            pendingSpace.Clear();
            newlines = 0;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
