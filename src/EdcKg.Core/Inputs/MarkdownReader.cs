using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EdcKg.Core.Inputs;

/// <summary>
/// A Markdown file (Markdig, CommonMark with the common extensions) as plain text: headings, paragraphs, list items,
/// quotes, table cells and code blocks each become a paragraph of their text; emphasis, link targets, images' URLs,
/// raw HTML and YAML front matter are left out (an image keeps its alt text, a link its text).
/// </summary>
public sealed class MarkdownReader : IDocumentReader
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseYamlFrontMatter().Build();

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    /// <inheritdoc />
    public string ReadText(string path) => ToPlainText(PlainTextReader.Decode(path));

    /// <summary>The plain text of <paramref name="markdown"/>, one paragraph per block, blocks separated by an empty line.</summary>
    public string ToPlainText(string markdown)
    {
        var document = Markdown.Parse(markdown, pipeline);
        var paragraphs = new List<string>();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is YamlFrontMatterBlock or HtmlBlock or ThematicBreakBlock)
            {
                continue;
            }

            var text = new StringBuilder();
            if (block.Inline is { } inline)
            {
                AppendInlines(inline, text);
            }
            else if (block is CodeBlock code)
            {
                text.Append(code.Lines.ToString());
            }

            var paragraph = PlainText.Tidy(text.ToString());
            if (paragraph.Length > 0)
            {
                paragraphs.Add(paragraph);
            }
        }

        return PlainText.Tidy(string.Join("\n\n", paragraphs));
    }

    private static void AppendInlines(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlInline:
                    break;
                case ContainerInline inner:
                    AppendInlines(inner, text);
                    break;
            }
        }
    }
}
