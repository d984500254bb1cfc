using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Stories;
using Microsoft.Data.Sqlite;

namespace Dossier.Store;

/// <summary>
/// The embedded store: one SQLite database file in WAL mode (readers never block the writer), FTS5 indexes with
/// BM25 ranking for search, and a lock file beside it for the single writer. Each method opens its own pooled
/// connection, so one instance serves many threads.
/// </summary>
public sealed class SqliteStore : IDossierStore
{
    /// <summary>The schema this build writes; older stores are migrated forward when opened.</summary>
    public const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly string _path;

    private SqliteStore(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Location => _path;

    /// <summary>Opens the store at <paramref name="path"/>, creating it when absent and migrating an older schema.</summary>
    /// <exception cref="InvalidDataException">The file is not a Dossier store, or one from a newer Dossier.</exception>
    public static SqliteStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder)) throw new DirectoryNotFoundException($"{path}: folder {folder} does not exist");
        var store = new SqliteStore(full);
        try
        {
            store.Migrate();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            SqliteConnection.ClearAllPools();
            throw new InvalidDataException($"{path}: not a Dossier store ({e.Message.TrimEnd('.')})", e);
        }
        return store;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL: a transaction is on disk before Commit returns, so an acknowledged batch survives a crash or power loss.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        return connection;
    }

    private void Migrate()
    {
        using var c = Connect();
        var version = Convert.ToInt32(Scalar(c, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version == 0 && Convert.ToInt64(Scalar(c, "SELECT COUNT(*) FROM sqlite_schema"), CultureInfo.InvariantCulture) > 0)
            throw new InvalidDataException($"{_path}: an SQLite database, but not a Dossier store (it has tables and no Dossier schema version)");
        if (version > SchemaVersion)
            throw new InvalidDataException($"{_path}: store schema version {version} is newer than this Dossier reads ({SchemaVersion}); upgrade Dossier");
        for (var v = version; v < SchemaVersion; v++)
        {
            using var tx = c.BeginTransaction();
            Execute(c, Migrations[v], tx);
            Execute(c, $"PRAGMA user_version={v + 1}", tx);
            tx.Commit();
        }
    }

    /// <summary>Migrations[v] takes a store from schema version v to v + 1. Never edit one that has shipped; add another.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE stories(
            idx INTEGER PRIMARY KEY,
            size INTEGER NOT NULL,
            last_published TEXT,
            updated INTEGER NOT NULL,
            sum BLOB NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            outlets INTEGER NOT NULL DEFAULT 0,
            first_utc INTEGER,
            last_utc INTEGER,
            dossier TEXT NOT NULL);
        CREATE INDEX stories_updated ON stories(updated DESC, idx DESC);
        CREATE TABLE articles(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            given_id TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            story INTEGER NOT NULL REFERENCES stories(idx),
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            outlet TEXT COLLATE NOCASE,
            author TEXT,
            published TEXT,
            published_utc INTEGER,
            sentences INTEGER NOT NULL,
            text TEXT NOT NULL,
            removed TEXT NOT NULL,
            flags TEXT NOT NULL,
            analysis BLOB NOT NULL);
        CREATE INDEX articles_story ON articles(story, seq);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE TABLE article_mentions(
            article INTEGER NOT NULL REFERENCES articles(seq),
            surface TEXT NOT NULL COLLATE NOCASE,
            type TEXT NOT NULL,
            count INTEGER NOT NULL);
        CREATE INDEX article_mentions_surface ON article_mentions(surface, article);
        CREATE TABLE story_entities(
            story INTEGER NOT NULL REFERENCES stories(idx),
            entity TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY(story, entity));
        CREATE INDEX story_entities_entity ON story_entities(entity);
        CREATE TABLE entity_aliases(
            entity TEXT NOT NULL,
            alias TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY(entity, alias)) WITHOUT ROWID;
        CREATE INDEX entity_aliases_alias ON entity_aliases(alias);
        CREATE TABLE df(term INTEGER PRIMARY KEY, n INTEGER NOT NULL);
        CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='articles', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE story_fts USING fts5(title, summary, tokenize='porter unicode61 remove_diacritics 2');
        """,
    ];

    public IDisposable LockForWriting()
    {
        var lockPath = _path + ".lock";
        try
        {
            // The OS drops the lock when the process dies, even by kill -9: no stale lock to clean up.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new StoreBusyException($"{_path}: another process is writing to this store ({e.Message})");
        }
    }

    public ClusterSnapshot LoadSnapshot()
    {
        using var c = Connect();
        using var tx = c.BeginTransaction(deferred: true);
        var articles = Convert.ToInt64(Scalar(c, "SELECT COUNT(*) FROM articles", tx), CultureInfo.InvariantCulture);
        var last = Convert.ToInt64(Scalar(c, "SELECT COALESCE(MAX(seq), 0) FROM articles", tx), CultureInfo.InvariantCulture);
        var df = new Dictionary<ulong, int>();
        using (var cmd = Command(c, "SELECT term, n FROM df", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) df[unchecked((ulong)r.GetInt64(0))] = r.GetInt32(1);
        }
        var stories = new List<StoryState>();
        using (var cmd = Command(c, "SELECT idx, sum, size, last_published, updated FROM stories ORDER BY idx", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var idx = r.GetInt32(0);
                if (idx != stories.Count) throw new InvalidDataException($"{_path}: story index {idx} out of sequence (expected {stories.Count})");
                stories.Add(new StoryState(idx, VectorCodec.Decode((byte[])r.GetValue(1)), r.GetInt32(2), ParseDate(r, 3), r.GetInt64(4)));
            }
        }
        tx.Commit();
        return new ClusterSnapshot(articles, last, df, stories);
    }

    public string? ArticleWithHash(string hash)
    {
        using var c = Connect();
        return Scalar(c, "SELECT id FROM articles WHERE hash = $h", null, ("$h", hash)) as string;
    }

    public bool HasArticleId(string id)
    {
        using var c = Connect();
        return Scalar(c, "SELECT 1 FROM articles WHERE id = $id", null, ("$id", id)) is not null;
    }

    public void Commit(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Dossiers.Count != batch.Stories.Count) throw new ArgumentException("one dossier per changed story", nameof(batch));
        using var c = Connect();
        // A commit touches pages all over the indexes (mentions by surface, document frequencies by term, the FTS
        // segments); SQLite's default 2 MB page cache made it read most of them from the file again each time.
        Execute(c, "PRAGMA cache_size=-131072");
        using var tx = c.BeginTransaction();

        if (batch.Merged is { Count: > 0 } merged)
        {
            // A merged story keeps its row, emptied, so that story numbers stay dense and its id is never given again.
            using var move = Command(c, "UPDATE articles SET story = $into WHERE story = $from", tx);
            using var empty = Command(c, """
                UPDATE stories SET size = 0, sum = $sum, title = '', outlets = 0, first_utc = NULL, last_utc = NULL, last_published = NULL, dossier = ''
                WHERE idx = $from
                """, tx);
            using var ftsGone = Command(c, "DELETE FROM story_fts WHERE rowid = $from", tx);
            using var entitiesGone = Command(c, "DELETE FROM story_entities WHERE story = $from", tx);
            var noSum = VectorCodec.Encode(TermVector.Empty);
            foreach (var m in merged)
            {
                Set(move, ("$into", m.Into), ("$from", m.From));
                move.ExecuteNonQuery();
                Set(empty, ("$sum", noSum), ("$from", m.From));
                empty.ExecuteNonQuery();
                Set(ftsGone, ("$from", m.From));
                ftsGone.ExecuteNonQuery();
                Set(entitiesGone, ("$from", m.From));
                entitiesGone.ExecuteNonQuery();
            }
        }

        using (var story = Command(c, """
            INSERT INTO stories(idx, size, last_published, updated, sum, title, outlets, last_utc, dossier)
            VALUES($idx, $size, $last, $updated, $sum, $title, $outlets, $lastUtc, $dossier)
            ON CONFLICT(idx) DO UPDATE SET size = excluded.size, last_published = excluded.last_published, updated = excluded.updated,
                sum = excluded.sum, title = excluded.title, outlets = excluded.outlets, last_utc = excluded.last_utc, dossier = excluded.dossier
            """, tx))
        using (var ftsDelete = Command(c, "DELETE FROM story_fts WHERE rowid = $idx", tx))
        using (var fts = Command(c, "INSERT INTO story_fts(rowid, title, summary) VALUES($idx, $title, $summary)", tx))
        using (var entitiesDelete = Command(c, "DELETE FROM story_entities WHERE story = $idx", tx))
        using (var entity = Command(c, "INSERT INTO story_entities(story, entity, name, type, mentions) VALUES($idx, $entity, $name, $type, $mentions)", tx))
        using (var alias = Command(c, "INSERT OR IGNORE INTO entity_aliases(entity, alias) VALUES($entity, $alias)", tx))
        {
            // Stories first: articles refer to them.
            for (var i = 0; i < batch.Stories.Count; i++)
            {
                var s = batch.Stories[i];
                var d = batch.Dossiers[i];
                Set(story, ("$idx", s.Index), ("$size", s.Size), ("$last", FormatDate(s.Last)), ("$updated", s.Updated),
                    ("$sum", VectorCodec.Encode(s.Sum)), ("$title", d.Title), ("$outlets", d.Outlets),
                    ("$lastUtc", s.Last?.ToUnixTimeMilliseconds()),
                    ("$dossier", JsonSerializer.Serialize(d, StoreJson.Compact.StoryRecord)));
                story.ExecuteNonQuery();
                Set(ftsDelete, ("$idx", s.Index));
                ftsDelete.ExecuteNonQuery();
                Set(fts, ("$idx", s.Index), ("$title", d.Title), ("$summary", string.Join(' ', d.Summary.Select(x => x.Text))));
                fts.ExecuteNonQuery();
                Set(entitiesDelete, ("$idx", s.Index));
                entitiesDelete.ExecuteNonQuery();
                foreach (var e in d.Entities)
                {
                    Set(entity, ("$idx", s.Index), ("$entity", e.Id), ("$name", e.Name), ("$type", e.Type), ("$mentions", e.Mentions));
                    entity.ExecuteNonQuery();
                    foreach (var a in e.Aliases.Append(e.Name))
                    {
                        Set(alias, ("$entity", e.Id), ("$alias", a));
                        alias.ExecuteNonQuery();
                    }
                }
            }
        }

        using (var article = Command(c, """
            INSERT INTO articles(seq, id, given_id, hash, story, title, source, url, outlet, author, published, published_utc, sentences, text, removed, flags, analysis)
            VALUES($seq, $id, $given, $hash, $story, $title, $source, $url, $outlet, $author, $published, $utc, $sentences, $text, $removed, $flags, $analysis)
            """, tx))
        using (var fts = Command(c, "INSERT INTO article_fts(rowid, title, text) VALUES($seq, $title, $text)", tx))
        using (var mention = Command(c, "INSERT INTO article_mentions(article, surface, type, count) VALUES($seq, $surface, $type, $count)", tx))
        {
            foreach (var a in batch.Articles)
            {
                var m = a.Article;
                Set(article, ("$seq", a.Sequence), ("$id", a.Id), ("$given", a.GivenId), ("$hash", a.Hash), ("$story", a.Story),
                    ("$title", m.Title), ("$source", m.Source), ("$url", m.Url), ("$outlet", m.Outlet), ("$author", m.Author),
                    ("$published", FormatDate(m.Published)), ("$utc", m.Published?.ToUnixTimeMilliseconds()),
                    ("$sentences", a.Sentences), ("$text", a.Text),
                    ("$removed", JsonSerializer.Serialize(m.Removed, StoreJson.Compact.ListRemoval)),
                    ("$flags", JsonSerializer.Serialize(m.Flags, StoreJson.Compact.ListFlag)), ("$analysis", a.Analysis));
                article.ExecuteNonQuery();
                Set(fts, ("$seq", a.Sequence), ("$title", m.Title), ("$text", a.Text));
                fts.ExecuteNonQuery();
                foreach (var x in a.Mentions)
                {
                    Set(mention, ("$seq", a.Sequence), ("$surface", x.Surface), ("$type", x.Type.ToName()), ("$count", x.Count));
                    mention.ExecuteNonQuery();
                }
            }
        }

        // A story's first date is over all its stored articles, so it is set once the batch's articles are in.
        using (var first = Command(c, "UPDATE stories SET first_utc = (SELECT MIN(published_utc) FROM articles WHERE story = $idx) WHERE idx = $idx", tx))
        {
            foreach (var s in batch.Stories)
            {
                Set(first, ("$idx", s.Index));
                first.ExecuteNonQuery();
            }
        }

        using (var df = Command(c, "INSERT INTO df(term, n) VALUES($t, $n) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n", tx))
        {
            foreach (var (term, n) in batch.DocumentFrequencies.OrderBy(kv => kv.Key))
            {
                Set(df, ("$t", unchecked((long)term)), ("$n", n));
                df.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    public IReadOnlyList<StoredMember> Members(int story)
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT seq, id, title, source, url, outlet, author, published, analysis FROM articles WHERE story = $s ORDER BY seq", null, ("$s", story));
        using var r = cmd.ExecuteReader();
        var members = new List<StoredMember>();
        while (r.Read())
        {
            var article = new Article(r.GetString(1), r.GetString(2), "", r.GetString(3))
            {
                Url = NullableString(r, 4), Outlet = NullableString(r, 5), Author = NullableString(r, 6), Published = ParseDate(r, 7),
            };
            members.Add(new StoredMember(article, (byte[])r.GetValue(8), r.GetInt64(0)));
        }
        return members;
    }

    public StoreStats Stats()
    {
        using var c = Connect();
        return new StoreStats(
            Convert.ToInt64(Scalar(c, "SELECT COUNT(*) FROM articles"), CultureInfo.InvariantCulture),
            Convert.ToInt32(Scalar(c, "SELECT COUNT(*) FROM stories WHERE size > 0"), CultureInfo.InvariantCulture),
            Convert.ToInt32(Scalar(c, "PRAGMA user_version"), CultureInfo.InvariantCulture));
    }

    public Page<StorySummary> Stories(int offset, int limit)
    {
        CheckPage(offset, limit);
        using var c = Connect();
        var total = Convert.ToInt32(Scalar(c, "SELECT COUNT(*) FROM stories WHERE size > 0"), CultureInfo.InvariantCulture);
        using var cmd = Command(c, "SELECT idx, title, size, outlets, first_utc, last_utc, updated FROM stories WHERE size > 0 ORDER BY updated DESC, idx DESC LIMIT $l OFFSET $o",
            null, ("$l", limit), ("$o", offset));
        using var r = cmd.ExecuteReader();
        var items = new List<StorySummary>();
        while (r.Read())
            items.Add(new StorySummary(StoryIds.Of(r.GetInt32(0)), r.GetString(1), r.GetInt32(2), r.GetInt32(3), Utc(r, 4), Utc(r, 5), r.GetInt64(6)));
        return new Page<StorySummary>(items, offset, limit, total);
    }

    public StoryRecord? Story(string id)
    {
        if (!StoryIds.TryParse(id, out var idx)) return null;
        using var c = Connect();
        return Scalar(c, "SELECT dossier FROM stories WHERE idx = $i AND size > 0", null, ("$i", idx)) is string json
            ? JsonSerializer.Deserialize(json, StoreJson.Compact.StoryRecord)
            : null;
    }

    public StoredArticle? Article(string id)
    {
        using var c = Connect();
        using var cmd = Command(c, """
            SELECT id, given_id, story, title, source, url, outlet, author, published, sentences, text, removed, flags, seq
            FROM articles WHERE id = $id
            """, null, ("$id", id));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new StoredArticle(r.GetString(0), r.GetString(1), StoryIds.Of(r.GetInt32(2)), r.GetString(3), r.GetString(4),
            NullableString(r, 5), NullableString(r, 6), NullableString(r, 7), ParseDate(r, 8), r.GetInt32(9), r.GetString(10),
            JsonSerializer.Deserialize(r.GetString(11), StoreJson.Compact.ListRemoval) ?? [],
            JsonSerializer.Deserialize(r.GetString(12), StoreJson.Compact.ListFlag) ?? [], r.GetInt64(13));
    }

    public Page<ArticleSummary> Articles(string? story, int offset, int limit)
    {
        CheckPage(offset, limit);
        var idx = -1;
        if (story is not null && !StoryIds.TryParse(story, out idx)) throw new StoreQueryException($"story '{story}' is not a story id (s1, s2, …)");
        using var c = Connect();
        var where = story is null ? "" : "WHERE story = $s";
        var total = Convert.ToInt32(Scalar(c, $"SELECT COUNT(*) FROM articles {where}", null, ("$s", idx)), CultureInfo.InvariantCulture);
        using var cmd = Command(c, $"SELECT id, story, title, outlet, published FROM articles {where} ORDER BY seq LIMIT $l OFFSET $o",
            null, ("$s", idx), ("$l", limit), ("$o", offset));
        using var r = cmd.ExecuteReader();
        var items = new List<ArticleSummary>();
        while (r.Read()) items.Add(new ArticleSummary(r.GetString(0), StoryIds.Of(r.GetInt32(1)), r.GetString(2), NullableString(r, 3), ParseDate(r, 4)));
        return new Page<ArticleSummary>(items, offset, limit, total);
    }

    public Page<SearchHit> Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPage(query.Offset, query.Limit);
        var match = FtsQuery.Build(query.Text);
        if (query.From is { } from && query.To is { } to && from > to) throw new StoreQueryException("'from' is after 'to'");
        var parameters = new List<(string, object?)>
        {
            ("$q", match), ("$l", query.Limit), ("$o", query.Offset), ("$entity", query.Entity), ("$outlet", query.Outlet),
            ("$from", query.From?.ToUnixTimeMilliseconds()), ("$to", query.To?.ToUnixTimeMilliseconds()),
        };
        const string Entities = "SELECT y.entity FROM entity_aliases y WHERE y.entity = $entity OR y.alias = $entity";
        string from_, rank, table, key;
        var filters = new StringBuilder();
        if (query.Kind == SearchKind.Articles)
        {
            table = "article_fts JOIN articles a ON a.seq = article_fts.rowid";
            key = "a.seq";
            rank = "bm25(article_fts, 4.0, 1.0)";
            if (query.Outlet is not null) filters.Append(" AND a.outlet = $outlet");
            if (query.From is not null) filters.Append(" AND a.published_utc >= $from");
            if (query.To is not null) filters.Append(" AND a.published_utc <= $to");
            if (query.Entity is not null)
                filters.Append($" AND a.seq IN (SELECT m.article FROM article_mentions m WHERE m.surface IN (SELECT x.alias FROM entity_aliases x WHERE x.entity IN ({Entities})) OR m.surface = $entity)");
            from_ = "article_fts";
        }
        else
        {
            table = "story_fts JOIN stories s ON s.idx = story_fts.rowid";
            key = "s.idx";
            rank = "bm25(story_fts, 4.0, 1.0)";
            if (query.Outlet is not null) filters.Append(" AND s.idx IN (SELECT story FROM articles WHERE outlet = $outlet)");
            if (query.From is not null) filters.Append(" AND s.last_utc >= $from");
            if (query.To is not null) filters.Append(" AND s.first_utc <= $to");
            if (query.Entity is not null) filters.Append($" AND s.idx IN (SELECT story FROM story_entities WHERE entity IN ({Entities}))");
            from_ = "story_fts";
        }
        using var c = Connect();
        var args = parameters.ToArray();
        // Without filters the count needs only the index; with them, the join.
        var total = Convert.ToInt32(filters.Length == 0
            ? Scalar(c, $"SELECT COUNT(*) FROM {from_} WHERE {from_} MATCH $q", null, args)
            : Scalar(c, $"SELECT COUNT(*) FROM {table} WHERE {from_} MATCH $q{filters}", null, args), CultureInfo.InvariantCulture);
        // Rank every match but build snippets only for the page: snippet() in the ranking query would run for every match.
        // Unfiltered, the index alone ranks (its rowid is the article's seq or the story's idx).
        var (rankFrom, rankKey) = filters.Length == 0 ? (from_, $"{from_}.rowid") : (table, key);
        // BM25 reads every match's positions; a word found in a tenth of a large store would cost hundreds of
        // milliseconds. Past StorePages.RankWindow matches, rank the newest ones (rowids follow arrival), as a reader of
        // news would want first; the total still counts every match.
        var window = total > StorePages.RankWindow
            ? $" AND {from_}.rowid >= (SELECT w.rowid FROM {from_} w WHERE {from_} MATCH $q ORDER BY w.rowid DESC LIMIT 1 OFFSET {StorePages.RankWindow - 1})"
            : "";
        var keys = new List<long>();
        var scores = new Dictionary<long, double>();
        using (var cmd = Command(c, $"SELECT {rankKey}, {rank} FROM {rankFrom} WHERE {from_} MATCH $q{window}{filters} ORDER BY {rank}, {rankKey} LIMIT $l OFFSET $o", null, args))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                keys.Add(r.GetInt64(0));
                scores[r.GetInt64(0)] = r.GetDouble(1);
            }
        }
        var hits = new List<SearchHit>();
        if (keys.Count > 0)
        {
            // Snippets from the index alone and metadata by key, each in a query of its own, and scores from the ranking:
            // a join ran the match over every matching row, and bm25() here recounted each word's documents once per
            // key (each about 50 ms for a common word in 100,000 articles).
            var inKeys = string.Join(',', keys);
            var snippets = new Dictionary<long, string>();
            using (var cmd = Command(c, $"SELECT rowid, snippet({from_}, 1, char(1), char(2), '…', 20) FROM {from_} WHERE {from_} MATCH $q AND rowid IN ({inKeys})", null, args))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read()) snippets[r.GetInt64(0)] = r.IsDBNull(1) ? "" : r.GetString(1);
            }
            var byKey = new Dictionary<long, SearchHit>();
            var metadata = query.Kind == SearchKind.Articles
                ? $"SELECT seq, id, story, title, outlet, published FROM articles WHERE seq IN ({inKeys})"
                : $"SELECT idx, idx, idx, title, NULL, last_published FROM stories WHERE idx IN ({inKeys})";
            using (var cmd = Command(c, metadata, null))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    var k = r.GetInt64(0);
                    var id = query.Kind == SearchKind.Articles ? r.GetString(1) : StoryIds.Of(r.GetInt32(1));
                    // bm25() is lower for better matches; the API reports higher-is-better.
                    byKey[k] = new SearchHit(id, StoryIds.Of(r.GetInt32(2)), r.GetString(3), NullableString(r, 4), ParseDate(r, 5), -scores[k], Snippet(snippets[k]));
                }
            }
            hits.AddRange(keys.Select(k => byKey[k]));
        }
        return new Page<SearchHit>(hits, query.Offset, query.Limit, total);
    }

    public Page<EntitySummary> Entities(string? name, int offset, int limit)
    {
        CheckPage(offset, limit);
        using var c = Connect();
        var where = string.IsNullOrWhiteSpace(name) ? "" : "WHERE e.entity IN (SELECT entity FROM entity_aliases WHERE alias LIKE '%' || $n || '%' ESCAPE '\\')";
        var pattern = name?.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var total = Convert.ToInt32(Scalar(c, $"SELECT COUNT(DISTINCT e.entity) FROM story_entities e {where}", null, ("$n", pattern)), CultureInfo.InvariantCulture);
        using var cmd = Command(c, $"""
            SELECT e.entity,
                   (SELECT n.name FROM story_entities n WHERE n.entity = e.entity ORDER BY n.mentions DESC, n.story LIMIT 1),
                   MIN(e.type), SUM(e.mentions), COUNT(*)
            FROM story_entities e {where}
            GROUP BY e.entity ORDER BY SUM(e.mentions) DESC, e.entity LIMIT $l OFFSET $o
            """, null, ("$n", pattern), ("$l", limit), ("$o", offset));
        using var r = cmd.ExecuteReader();
        var items = new List<EntitySummary>();
        while (r.Read()) items.Add(new EntitySummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4)));
        return new Page<EntitySummary>(items, offset, limit, total);
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; let them go so the file can be moved or deleted.
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Splits an FTS5 snippet marked with \u0001 … \u0002 into plain and matching parts.</summary>
    internal static IReadOnlyList<SnippetPart> Snippet(string marked)
    {
        var parts = new List<SnippetPart>();
        var match = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] is not ('\u0001' or '\u0002')) continue;
            if (i > start) parts.Add(new SnippetPart(marked[start..i], match));
            if (i < marked.Length) match = marked[i] == '\u0001';
            start = i + 1;
        }
        return parts;
    }

    private static void CheckPage(int offset, int limit) => StorePages.Check(offset, limit);

    /// <summary>The largest page any list returns.</summary>
    public const int MaxPage = StorePages.MaxPage;

    private static string? FormatDate(DateTimeOffset? d) => StoreDates.Format(d);

    private static DateTimeOffset? ParseDate(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : StoreDates.Parse(r.GetString(i));

    private static DateTimeOffset? Utc(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static SqliteCommand Command(SqliteConnection c, string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal)) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }

    /// <summary>Sets parameters of a prepared command, adding them on first use.</summary>
    private static void Set(SqliteCommand cmd, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (cmd.Parameters.Contains(name)) cmd.Parameters[name].Value = value ?? DBNull.Value;
            else cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static object? Scalar(SqliteConnection c, string sql, SqliteTransaction? tx = null, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, sql, tx, parameters);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(c, sql, tx);
        cmd.ExecuteNonQuery();
    }
}
