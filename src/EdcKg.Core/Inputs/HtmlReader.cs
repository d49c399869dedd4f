using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace EdcKg.Core.Inputs;

/// <summary>
/// An HTML page (AngleSharp) as the plain text of its main content: the page's <c>main</c> element (or its only
/// <c>article</c>, else the body) without scripts, styles, forms, navigation, banners, asides and footers, found by
/// element, ARIA role, or an id or class such as <c>nav</c>, <c>menu</c>, <c>sidebar</c>, <c>cookie</c>. Block
/// elements become paragraphs; white space inside a paragraph is collapsed as a browser shows it.
/// </summary>
public sealed partial class HtmlReader : IDocumentReader
{
    private const string Noise =
        "script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, nav, aside, footer, " +
        "[role=navigation], [role=contentinfo], [role=banner], [role=complementary], [role=search], [aria-hidden=true], [hidden]";

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "thead", "tfoot", "tr", "caption", "ul", "body",
    };

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    /// <inheritdoc />
    public string ReadText(string path)
    {
        using var stream = File.OpenRead(path);
        // The parser detects the page's encoding from its byte-order mark or meta charset, as a browser does.
        var document = new HtmlParser().ParseDocument(stream);
        return MainText(document);
    }

    /// <summary>The plain text of the main content of <paramref name="html"/>.</summary>
    public static string ToPlainText(string html) => MainText(new HtmlParser().ParseDocument(html));

    private static string MainText(IDocument document)
    {
        var root = Root(document);
        if (root is null)
        {
            return string.Empty;
        }

        foreach (var element in root.QuerySelectorAll(Noise).ToList())
        {
            element.Remove();
        }

        // A page header (site title, menu) is noise; an article's own header holds its title.
        foreach (var header in root.QuerySelectorAll("header").Where(h => h.Closest("article, main") is null).ToList())
        {
            header.Remove();
        }

        foreach (var element in root.QuerySelectorAll("[id], [class]").Where(IsNoiseByName).ToList())
        {
            if (element.Contains(root) || !root.Contains(element))
            {
                continue;
            }

            element.Remove();
        }

        var text = new StringBuilder();
        AppendText(root, text, preformatted: false);
        var paragraphs = text.ToString().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        return PlainText.Tidy(string.Join("\n\n", paragraphs).Replace('\u0001', '\n'));
    }

    private static IElement? Root(IDocument document)
    {
        var main = document.QuerySelector("main, [role=main]");
        if (main is not null)
        {
            return main;
        }

        var articles = document.QuerySelectorAll("article");
        return articles.Length == 1 ? articles[0] : document.Body ?? document.DocumentElement;
    }

    private static bool IsNoiseByName(IElement element)
    {
        var names = (element.Id ?? string.Empty) + " " + (element.GetAttribute("class") ?? string.Empty);
        return NoiseName().IsMatch(names);
    }

    // Paragraph breaks are '\n' in the builder; a line break inside a paragraph (br, pre) is '\u0001' until the end.
    private static void AppendText(INode node, StringBuilder text, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    if (preformatted)
                    {
                        text.Append(textNode.Data.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '\u0001'));
                    }
                    else
                    {
                        AppendCollapsed(textNode.Data, text);
                    }

                    break;
                case IElement element when element.LocalName == "br":
                    text.Append('\u0001');
                    break;
                case IElement element when element.LocalName is "td" or "th":
                    text.Append(' ');
                    AppendText(element, text, preformatted);
                    text.Append(' ');
                    break;
                case IElement element when element.LocalName == "img":
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    AppendText(element, text, preformatted || element.LocalName == "pre");
                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    private static void AppendCollapsed(string data, StringBuilder text)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n' or '\u0001'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    [GeneratedRegex(@"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|sidebar|footer|site-header|masthead|cookies?|consent|banner|share|social|advert|ads|related|comments?|skip-link)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoiseName();
}
