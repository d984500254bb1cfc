namespace Dossier.Ingest.Tests;

public class InputReaderTests
{
    private static List<InputItem> Read(params string[] paths) => InputReader.Read(paths, new ReaderOptions { MaxBytes = 1000 }).ToList();

    [Fact]
    public void Text_files_give_headline_body_and_metadata()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.txt", "Date: 2017-05-29\nOutlet: Example Times\nURL: https://example.com/a\n\nPutin meets Macron\n\nThe two leaders met at Versailles.\n");
        var article = Assert.Single(Read(file)).Article!;
        Assert.Equal("Putin meets Macron", article.Title);
        Assert.Equal("Example Times", article.Outlet);
        Assert.Equal("https://example.com/a", article.Url);
        Assert.Equal(new DateTimeOffset(2017, 5, 29, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Contains("Versailles", article.Body, StringComparison.Ordinal);
        Assert.Equal("a", article.Id);
    }

    [Fact]
    public void A_headline_with_a_colon_is_not_metadata()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.txt", "Syria: talks resume\n\nBody text here.");
        Assert.Equal("Syria: talks resume", Assert.Single(Read(file)).Article!.Title);
    }

    [Fact]
    public void A_bad_date_is_flagged_and_the_article_kept()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.txt", "Date: last Tuesday\nHeadline\n\nBody text here.");
        var article = Assert.Single(Read(file)).Article!;
        Assert.Null(article.Published);
        Assert.Equal("bad-metadata", Assert.Single(article.Flags).Kind);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "empty file")]
    [InlineData("bin.txt", new byte[] { 0x41, 0x00, 0x42 }, "binary content")]
    [InlineData("bad.txt", new byte[] { 0x41, 0xC3, 0x28, 0x0A }, "invalid UTF-8 at byte 1")]
    [InlineData("blank.txt", new byte[] { 0x20, 0x0A, 0x20 }, "empty file")]
    public void Unreadable_files_are_rejected_with_a_reason(string name, byte[] content, string reason)
    {
        using var dir = new TempFolder();
        var file = dir.Write(name, content);
        var rejection = Assert.Single(Read(file)).Rejection!;
        Assert.Equal(file, rejection.Source);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_unread()
    {
        using var dir = new TempFolder();
        var file = dir.Write("big.txt", "Headline\n\n" + new string('x', 2000));
        Assert.Contains("over the limit of 1,000 bytes", Assert.Single(Read(file)).Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_extensions_and_missing_files_are_rejected()
    {
        using var dir = new TempFolder();
        var file = dir.Write("notes.docx", "whatever");
        Assert.Contains("unknown extension '.docx'", Assert.Single(Read(file)).Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("no such file or folder", Assert.Single(Read(System.IO.Path.Combine(dir.Path, "missing.txt"))).Rejection!.Reason);
    }

    [Fact]
    public void Jsonl_reads_good_lines_and_rejects_bad_ones_by_line()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.jsonl",
            "{\"id\":\"x1\",\"title\":\"T1\",\"text\":\"Body one.\",\"outlet\":\"O\",\"published\":\"2017-04-07T10:00:00Z\"}\n" +
            "{not json}\n" +
            "\n" +
            "{\"id\":\"x3\",\"title\":\"T3\"}\n" +
            "[1,2]\n" +
            "{\"id\":7,\"title\":5,\"text\":\"Body.\"}\n" +
            "{\"id\":\"x6\",\"text\":\"Body six.\"}");
        var items = Read(file);
        Assert.Equal(6, items.Count);
        Assert.Equal("x1", items[0].Article!.Id);
        Assert.Equal(new DateTimeOffset(2017, 4, 7, 10, 0, 0, TimeSpan.Zero), items[0].Article!.Published);
        Assert.Equal($"{file}:2", items[1].Rejection!.Source);
        Assert.StartsWith("invalid JSON", items[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal($"{file}:4", items[2].Rejection!.Source);
        Assert.Contains("missing field 'text'", items[2].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("expected a JSON object", items[3].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("field 'title' must be a string", items[4].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("x6", items[5].Article!.Id);
    }

    [Fact]
    public void Jsonl_newswire_ids_give_the_day_and_outlet_the_line_does_not()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.jsonl",
            "{\"doc\":\"APW19981017.0151\",\"text\":\"Body.\"}\n" +
            "{\"doc\":\"NYT19981003.0093\",\"text\":\"Body.\",\"outlet\":\"Wire\",\"published\":\"1998-10-05\"}\n" +
            "{\"doc\":\"XIE19981003.0001\",\"text\":\"Body.\",\"published\":\"soon\"}\n" +
            "{\"doc\":\"APW19981341.0001\",\"text\":\"Body.\"}\n" +
            "{\"doc\":\"1_10ecb\",\"text\":\"Body.\"}\n");
        var articles = Read(file).Select(i => i.Article!).ToList();
        Assert.Equal(new DateTimeOffset(1998, 10, 17, 0, 0, 0, TimeSpan.Zero), articles[0].Published);
        Assert.Equal("Associated Press", articles[0].Outlet);
        // What the line states wins; a date that does not parse stays unknown (and flagged), not replaced.
        Assert.Equal(new DateTimeOffset(1998, 10, 5, 0, 0, 0, TimeSpan.Zero), articles[1].Published);
        Assert.Equal("Wire", articles[1].Outlet);
        Assert.Null(articles[2].Published);
        Assert.NotEmpty(articles[2].Flags);
        // Not a day (month 13), not a newswire id.
        Assert.Null(articles[3].Published);
        Assert.Null(articles[4].Published);
        Assert.Null(articles[4].Outlet);
    }

    [Fact]
    public void Jsonl_lines_over_the_limit_are_rejected_and_reading_goes_on()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.jsonl", "{\"text\":\"" + new string('x', 3000) + "\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n");
        var items = Read(file);
        Assert.Contains("over the limit", items[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("ok", items[1].Article!.Id);
    }

    [Fact]
    public void Html_pages_give_title_text_author_and_date()
    {
        using var dir = new TempFolder();
        var file = dir.Write("p.html", """
            <html><head><title>Leaders meet - The Daily</title><meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2017-05-29T10:00:00Z"><meta name="author" content="Jane Roe"></head>
            <body><nav>Home | World | Sport</nav><article><h1>Leaders meet</h1>
            <p>The two presidents met at the palace on Monday and talked for more than two hours about the war.</p>
            <p>They agreed to meet again in the autumn, officials from both governments said after the meeting.</p>
            </article><footer>Copyright The Daily</footer></body></html>
            """);
        var a = Assert.Single(InputReader.Read([file])).Article!;
        Assert.Equal("Leaders meet", a.Title);
        Assert.Equal("Jane Roe", a.Author);
        Assert.Equal("The Daily", a.Outlet);
        Assert.Equal(2017, a.Published!.Value.Year);
        Assert.Contains("talked for more than two hours", a.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Home | World", a.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_without_main_text_is_rejected()
    {
        using var dir = new TempFolder();
        var file = dir.Write("p.html", "<html><head><title>x</title></head><body><nav>Home</nav></body></html>");
        Assert.Contains("no main text", Assert.Single(InputReader.Read([file])).Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_and_atom_items_become_articles()
    {
        using var dir = new TempFolder();
        var rss = dir.Write("f.rss", """
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
            <item><title>One</title><link>https://w/1</link><pubDate>Mon, 29 May 2017 10:00:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>The leaders met at Versailles on Monday.</p><p>They talked.</p>]]></content:encoded></item>
            <item><title>Empty</title><description></description></item></channel></rss>
            """);
        var atom = dir.Write("f.atom", """
            <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
            <entry><id>urn:1</id><title>Two</title><published>2017-04-07T00:00:00Z</published><author><name>Ann</name></author>
            <content type="html">&lt;p&gt;The strike hit the air base before dawn on Friday.&lt;/p&gt;</content></entry></feed>
            """);
        var items = InputReader.Read([rss, atom]).ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("Wire", items[0].Article!.Outlet);
        Assert.Equal(new DateTimeOffset(2017, 5, 29, 10, 0, 0, TimeSpan.Zero), items[0].Article!.Published);
        Assert.Equal("The leaders met at Versailles on Monday.\n\nThey talked.", items[0].Article!.Body);
        Assert.Contains("no full text", items[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("Ann", items[2].Article!.Author);
        Assert.Equal("urn:1", items[2].Article!.Id);
    }

    [Fact]
    public void A_feed_that_is_not_xml_is_rejected()
    {
        using var dir = new TempFolder();
        var file = dir.Write("f.xml", "this is <not xml");
        Assert.Contains("not a well-formed XML feed", Assert.Single(InputReader.Read([file])).Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feed_with_a_dtd_is_refused()
    {
        using var dir = new TempFolder();
        var file = dir.Write("f.xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"x\">]><rss><channel/></rss>");
        Assert.NotNull(Assert.Single(InputReader.Read([file])).Rejection);
    }

    [Fact]
    public void Folders_are_walked_recursively_in_name_order_skipping_hidden_entries()
    {
        using var dir = new TempFolder();
        dir.Write("b/2.txt", "B2\n\nBody.");
        dir.Write("a.txt", "A\n\nBody.");
        dir.Write("b/1.txt", "B1\n\nBody.");
        dir.Write(".hidden/x.txt", "X\n\nBody.");
        Assert.Equal(["A", "B1", "B2"], InputReader.Read([dir.Path]).Select(i => i.Article!.Title));
    }
}

public class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_newlines()
    {
        using var dir = new TempFolder();
        var file = dir.Write("a.csv", "id,body\r\n1,\"a, \"\"b\"\"\nc\"\n2,plain\n");
        var rows = CsvReader.Read(file).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "a, \"b\"\nc"], rows[1]);
        Assert.Equal(["2", "plain"], rows[2]);
    }
}

public class TrecReaderTests
{
    private const string Wire = """
        <DOC>
        <DOCNO> APW19981017.0151 </DOCNO>
        <DATE_TIME> 10/17/1998 05:50:00 </DATE_TIME>
        <HEADER> w2985 &Cx1f; wstm- </HEADER>
        <BODY>
        <TEXT>
        	   LONDON (AP) _ An influential lawmaker backed Spanish requests
        to question Gen. Augusto Pinochet &AMP; his aides.
        	   ``There have been thousands of cases,'' Ann Clwyd said.
        </TEXT>
        </BODY>
        </DOC>
        <DOC>
        <DOCNO> NYT19981018.0098 </DOCNO>
        <TEXT>
        <P>
           Chile protested the arrest.
        </P>
        </TEXT>
        </DOC>
        <DOC>
        <DOCNO> NYT19981018.0099 </DOCNO>
        </DOC>
        """;

    [Fact]
    public void Newswire_docs_become_articles_with_paragraphs_quotes_dashes_outlet_and_date()
    {
        using var dir = new TempFolder();
        // DUC names files by document number: the format is recognised by content.
        var items = InputReader.Read([dir.Write("APW19981017.0151", Wire)]).ToList();
        Assert.Equal(3, items.Count);
        var first = items[0].Article!;
        Assert.Equal("APW19981017.0151", first.Id);
        Assert.Equal("Associated Press", first.Outlet);
        Assert.Equal(new DateTimeOffset(1998, 10, 17, 5, 50, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("LONDON (AP) \u2014 An influential lawmaker backed Spanish requests to question Gen. Augusto Pinochet & his aides.\n\n"
            + "\u201CThere have been thousands of cases,\u201D Ann Clwyd said.", first.Body);
        var second = items[1].Article!;
        Assert.Equal("Chile protested the arrest.", second.Body);
        Assert.Equal("New York Times", second.Outlet);
        // No DATE_TIME: the day comes from the document number.
        Assert.Equal(new DateTimeOffset(1998, 10, 18, 0, 0, 0, TimeSpan.Zero), second.Published);
        Assert.Null(items[2].Article);
        Assert.Contains("NYT19981018.0099", items[2].Rejection!.Source, StringComparison.Ordinal);
        Assert.Contains("no <TEXT>", items[2].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_unknown_extension_that_is_not_newswire_is_still_rejected()
    {
        using var dir = new TempFolder();
        var item = Assert.Single(InputReader.Read([dir.Write("notes.0151", "just some notes")]));
        Assert.Contains("unknown extension", item.Rejection!.Reason, StringComparison.Ordinal);
    }
}
