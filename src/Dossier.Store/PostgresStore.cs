using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Stories;
using Npgsql;
using NpgsqlTypes;

namespace Dossier.Store;

/// <summary>
/// The shared store: a schema "dossier" in a PostgreSQL database, which several worker processes on several machines
/// can use at once. Full-text search uses PostgreSQL's own (english configuration, weighted title and text, ts_rank);
/// snippets are built here (<see cref="SearchSnippet"/>). The writer lock is a session advisory lock, which the
/// server drops when the holder's connection ends, even if its process was killed. The work queue
/// (<see cref="IArticleQueue"/>) lives in the same schema, so an article leaves the queue in the transaction that
/// stores it.
/// </summary>
public sealed class PostgresStore : IDossierStore, IArticleQueue
{
    /// <summary>The schema this build writes; older stores are migrated forward when opened.</summary>
    public const int SchemaVersion = 2;

    private const string Schema = "dossier";
    // Advisory lock keys: one for the single writer, one that orders appends to the queue, one for migrations.
    private const long WriterKey = 0x446F_7373_0001;
    private const long EnqueueKey = 0x446F_7373_0002;
    private const long MigrateKey = 0x446F_7373_0003;
    private const int MaxIndexedChars = 200_000;

    private readonly NpgsqlDataSource _source;

    private PostgresStore(NpgsqlDataSource source, string location)
    {
        _source = source;
        Location = location;
    }

    public string Location { get; }

    /// <summary>How many of the newest matches a search ranks: <see cref="StorePages.RankWindow"/>, smaller only in tests.</summary>
    internal int RankWindow { get; set; } = StorePages.RankWindow;

    /// <summary>Opens the store at a postgres:// address, creating its schema when absent and migrating an older one.</summary>
    /// <param name="applicationName">Shown by the server for this process's connections (pg_stat_activity).</param>
    /// <exception cref="ArgumentException">The address is not a usable postgres:// address.</exception>
    /// <exception cref="InvalidDataException">The database holds a "dossier" schema that is not a Dossier store, or one from a newer Dossier.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refuses the connection.</exception>
    public static PostgresStore Open(string address, string? applicationName = null) => Open(address, applicationName, SchemaVersion);

    /// <param name="schemaVersion">The version to migrate to: older than <see cref="SchemaVersion"/> only in tests of migrations.</param>
    internal static PostgresStore Open(string address, string? applicationName, int schemaVersion)
    {
        var (builder, location) = PostgresAddress.Parse(address);
        builder.SearchPath = Schema;
        builder.ApplicationName = applicationName ?? "dossier";
        var store = new PostgresStore(NpgsqlDataSource.Create(builder), location);
        try
        {
            store.Migrate(schemaVersion);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            store.Dispose();
            throw new StoreUnavailableException($"{location}: {e.Message.TrimEnd('.')}", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    private void Migrate(int target)
    {
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction();
        Execute(c, tx, $"SELECT pg_advisory_xact_lock({MigrateKey})");
        var hasSchema = Scalar(c, tx, "SELECT 1 FROM pg_namespace WHERE nspname = @s", ("s", Schema)) is not null;
        var version = 0;
        if (hasSchema)
        {
            if (Scalar(c, tx, "SELECT 1 FROM pg_tables WHERE schemaname = @s AND tablename = 'schema_version'", ("s", Schema)) is null)
            {
                if (Scalar(c, tx, "SELECT 1 FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace WHERE n.nspname = @s LIMIT 1", ("s", Schema)) is not null)
                    throw new InvalidDataException($"{Location}: the database has a schema \"{Schema}\" that is not a Dossier store (it has tables and no Dossier schema version)");
            }
            else version = Convert.ToInt32(Scalar(c, tx, "SELECT version FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (version > SchemaVersion)
            throw new InvalidDataException($"{Location}: store schema version {version} is newer than this Dossier reads ({SchemaVersion}); upgrade Dossier");
        for (var v = version; v < target; v++)
        {
            Execute(c, tx, Migrations[v]);
            Execute(c, tx, $"UPDATE schema_version SET version = {v + 1}");
        }
        tx.Commit();
    }

    /// <summary>Migrations[v] takes a store from schema version v to v + 1. Never edit one that has shipped; add another.</summary>
    private static readonly string[] Migrations =
    [
        $"""
        CREATE SCHEMA IF NOT EXISTS {Schema};
        CREATE TABLE schema_version(version integer NOT NULL);
        INSERT INTO schema_version VALUES (0);
        CREATE TABLE stories(
            idx integer PRIMARY KEY,
            size integer NOT NULL,
            last_published text,
            updated bigint NOT NULL,
            sum bytea NOT NULL,
            title text NOT NULL DEFAULT '',
            summary text NOT NULL DEFAULT '',
            outlets integer NOT NULL DEFAULT 0,
            first_utc bigint,
            last_utc bigint,
            dossier text NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, left(summary, {MaxIndexedChars})), 'B')) STORED);
        CREATE INDEX stories_updated ON stories(updated DESC, idx DESC);
        CREATE INDEX stories_tsv ON stories USING gin(tsv);
        CREATE TABLE articles(
            seq bigint PRIMARY KEY,
            id text NOT NULL UNIQUE,
            given_id text NOT NULL,
            hash text NOT NULL UNIQUE,
            story integer NOT NULL REFERENCES stories(idx),
            title text NOT NULL,
            source text NOT NULL,
            url text,
            outlet text,
            author text,
            published text,
            published_utc bigint,
            sentences integer NOT NULL,
            text text NOT NULL,
            removed text NOT NULL,
            flags text NOT NULL,
            analysis bytea NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, left(text, {MaxIndexedChars})), 'B')) STORED);
        CREATE INDEX articles_story ON articles(story, seq);
        CREATE INDEX articles_outlet ON articles(lower(outlet));
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE INDEX articles_tsv ON articles USING gin(tsv);
        CREATE TABLE article_mentions(
            article bigint NOT NULL REFERENCES articles(seq),
            surface text NOT NULL,
            type text NOT NULL,
            count integer NOT NULL);
        CREATE INDEX article_mentions_surface ON article_mentions(lower(surface), article);
        CREATE TABLE story_entities(
            story integer NOT NULL REFERENCES stories(idx),
            entity text NOT NULL,
            name text NOT NULL,
            type text NOT NULL,
            mentions integer NOT NULL,
            PRIMARY KEY(story, entity));
        CREATE INDEX story_entities_entity ON story_entities(entity);
        CREATE TABLE entity_aliases(
            entity text NOT NULL,
            alias text NOT NULL,
            PRIMARY KEY(entity, alias));
        CREATE INDEX entity_aliases_alias ON entity_aliases(lower(alias));
        CREATE TABLE df(term bigint PRIMARY KEY, n integer NOT NULL);
        CREATE TABLE queue(
            seq bigserial PRIMARY KEY,
            state smallint NOT NULL,
            source text NOT NULL,
            article bytea,
            analysis bytea,
            reason text,
            worker text,
            enqueued timestamptz NOT NULL DEFAULT now());
        CREATE INDEX queue_pending ON queue(seq) WHERE state = 0;
        -- Every entry is inserted, updated once and deleted: vacuum the queue early so dead rows do not pile up.
        ALTER TABLE queue SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
        """,
        // Article search reads a narrow table of its own. Counting a common word's matches visits every matching row
        // (GIN indexes have no index-only scans): in articles, with their text, 15,000 pages for 66,000 matches at
        // 100,000 articles; here about 10,000, as PostgreSQL keeps a row under 2 KB whole (a tsvector over that goes
        // out of line entirely, the 128-byte target). A trigger fills it, so no way of adding an article leaves it out.
        $"""
        CREATE TABLE article_search(
            seq bigint PRIMARY KEY REFERENCES articles(seq),
            outlet text,
            published_utc bigint,
            tsv tsvector NOT NULL) WITH (toast_tuple_target = 128);
        INSERT INTO article_search SELECT seq, lower(outlet), published_utc, tsv FROM articles;
        CREATE INDEX article_search_tsv ON article_search USING gin(tsv);
        CREATE INDEX article_search_outlet ON article_search(outlet);
        DROP INDEX articles_tsv;
        ALTER TABLE articles DROP COLUMN tsv;
        CREATE FUNCTION article_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {Schema}.article_search VALUES (NEW.seq, lower(NEW.outlet), NEW.published_utc,
                setweight(to_tsvector('english'::regconfig, NEW.title), 'A') || setweight(to_tsvector('english'::regconfig, left(NEW.text, {MaxIndexedChars})), 'B'));
            RETURN NULL;
        END $$;
        CREATE TRIGGER articles_search AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION article_search_row();
        """,
    ];

    public IDisposable LockForWriting() =>
        TryLockForWriting() ?? throw new StoreBusyException($"{Location}: another process is writing to this store");

    public IDisposable? TryLockForWriting()
    {
        var c = _source.OpenConnection();
        try
        {
            if (Scalar(c, null, $"SELECT pg_try_advisory_lock({WriterKey})") is true) return new WriterLock(c);
            c.Dispose();
            return null;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>Holds the writer lock on its own connection. The lock is released explicitly: a pooled connection outlives Dispose.</summary>
    private sealed class WriterLock(NpgsqlConnection connection) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                Execute(connection, null, $"SELECT pg_advisory_unlock({WriterKey})");
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and with it the lock.
            }
            connection.Dispose();
        }
    }

    public ClusterSnapshot LoadSnapshot()
    {
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var articles = (long)Scalar(c, tx, "SELECT COUNT(*) FROM articles")!;
        var last = (long)Scalar(c, tx, "SELECT COALESCE(MAX(seq), 0) FROM articles")!;
        var df = new Dictionary<ulong, int>();
        using (var cmd = Command(c, tx, "SELECT term, n FROM df"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) df[unchecked((ulong)r.GetInt64(0))] = r.GetInt32(1);
        }
        var stories = new List<StoryState>();
        using (var cmd = Command(c, tx, "SELECT idx, sum, size, last_published, updated FROM stories ORDER BY idx"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var idx = r.GetInt32(0);
                if (idx != stories.Count) throw new InvalidDataException($"{Location}: story index {idx} out of sequence (expected {stories.Count})");
                stories.Add(new StoryState(idx, VectorCodec.Decode((byte[])r.GetValue(1)), r.GetInt32(2), StoreDates.Parse(NullableString(r, 3)), r.GetInt64(4)));
            }
        }
        tx.Commit();
        return new ClusterSnapshot(articles, last, df, stories);
    }

    public string? ArticleWithHash(string hash)
    {
        using var c = _source.OpenConnection();
        return Scalar(c, null, "SELECT id FROM articles WHERE hash = @h", ("h", hash)) as string;
    }

    public bool HasArticleId(string id)
    {
        using var c = _source.OpenConnection();
        return Scalar(c, null, "SELECT 1 FROM articles WHERE id = @id", ("id", id)) is not null;
    }

    public void Commit(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Dossiers.Count != batch.Stories.Count) throw new ArgumentException("one dossier per changed story", nameof(batch));
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction();

        if (batch.Merged is { Count: > 0 } merged)
        {
            // A merged story keeps its row, emptied, so that story numbers stay dense and its id is never given again.
            var from = merged.Select(m => m.From).ToArray();
            Execute(c, tx, "UPDATE articles a SET story = m.into_idx FROM unnest(@from, @into) AS m(from_idx, into_idx) WHERE a.story = m.from_idx",
                ("from", from), ("into", merged.Select(m => m.Into).ToArray()));
            Execute(c, tx, """
                UPDATE stories SET size = 0, sum = @sum, title = '', summary = '', outlets = 0, first_utc = NULL, last_utc = NULL, last_published = NULL, dossier = ''
                WHERE idx = ANY(@from)
                """, ("sum", VectorCodec.Encode(TermVector.Empty)), ("from", from));
            Execute(c, tx, "DELETE FROM story_entities WHERE story = ANY(@from)", ("from", from));
        }

        // Stories first: articles refer to them. Each statement takes a whole column per parameter (unnest), one round trip each.
        var stories = batch.Stories;
        var dossiers = batch.Dossiers;
        Execute(c, tx, """
            INSERT INTO stories(idx, size, last_published, updated, sum, title, summary, outlets, last_utc, dossier)
            SELECT * FROM unnest(@idx, @size, @last, @updated, @sum, @title, @summary, @outlets, @lastUtc, @dossier)
            ON CONFLICT(idx) DO UPDATE SET size = excluded.size, last_published = excluded.last_published, updated = excluded.updated,
                sum = excluded.sum, title = excluded.title, summary = excluded.summary, outlets = excluded.outlets,
                last_utc = excluded.last_utc, dossier = excluded.dossier
            """,
            ("idx", stories.Select(s => s.Index).ToArray()), ("size", stories.Select(s => s.Size).ToArray()),
            ("last", stories.Select(s => StoreDates.Format(s.Last)).ToArray()), ("updated", stories.Select(s => s.Updated).ToArray()),
            ("sum", stories.Select(s => VectorCodec.Encode(s.Sum)).ToArray()), ("title", dossiers.Select(d => d.Title).ToArray()),
            ("summary", dossiers.Select(d => string.Join(' ', d.Summary.Select(x => x.Text))).ToArray()),
            ("outlets", dossiers.Select(d => d.Outlets).ToArray()), ("lastUtc", stories.Select(s => s.Last?.ToUnixTimeMilliseconds()).ToArray()),
            ("dossier", dossiers.Select(d => JsonSerializer.Serialize(d, StoreJson.Compact.StoryRecord)).ToArray()));
        var changed = stories.Select(s => s.Index).ToArray();
        Execute(c, tx, "DELETE FROM story_entities WHERE story = ANY(@idx)", ("idx", changed));
        var entities = stories.Zip(dossiers).SelectMany(p => p.Second.Entities.Select(e => (Story: p.First.Index, Entity: e))).ToList();
        Execute(c, tx, """
            INSERT INTO story_entities(story, entity, name, type, mentions)
            SELECT * FROM unnest(@story, @entity, @name, @type, @mentions)
            """,
            ("story", entities.Select(e => e.Story).ToArray()), ("entity", entities.Select(e => e.Entity.Id).ToArray()),
            ("name", entities.Select(e => e.Entity.Name).ToArray()), ("type", entities.Select(e => e.Entity.Type).ToArray()),
            ("mentions", entities.Select(e => e.Entity.Mentions).ToArray()));
        var aliases = entities.SelectMany(e => e.Entity.Aliases.Append(e.Entity.Name).Select(a => (e.Entity.Id, Alias: a))).Distinct().ToList();
        Execute(c, tx, "INSERT INTO entity_aliases(entity, alias) SELECT * FROM unnest(@entity, @alias) ON CONFLICT DO NOTHING",
            ("entity", aliases.Select(a => a.Id).ToArray()), ("alias", aliases.Select(a => a.Alias).ToArray()));

        var articles = batch.Articles;
        Execute(c, tx, """
            INSERT INTO articles(seq, id, given_id, hash, story, title, source, url, outlet, author, published, published_utc, sentences, text, removed, flags, analysis)
            SELECT * FROM unnest(@seq, @id, @given, @hash, @story, @title, @source, @url, @outlet, @author, @published, @utc, @sentences, @text, @removed, @flags, @analysis)
            """,
            ("seq", articles.Select(a => a.Sequence).ToArray()), ("id", articles.Select(a => a.Id).ToArray()),
            ("given", articles.Select(a => a.GivenId).ToArray()), ("hash", articles.Select(a => a.Hash).ToArray()),
            ("story", articles.Select(a => a.Story).ToArray()), ("title", articles.Select(a => a.Article.Title).ToArray()),
            ("source", articles.Select(a => a.Article.Source).ToArray()), ("url", articles.Select(a => a.Article.Url).ToArray()),
            ("outlet", articles.Select(a => a.Article.Outlet).ToArray()), ("author", articles.Select(a => a.Article.Author).ToArray()),
            ("published", articles.Select(a => StoreDates.Format(a.Article.Published)).ToArray()),
            ("utc", articles.Select(a => a.Article.Published?.ToUnixTimeMilliseconds()).ToArray()),
            ("sentences", articles.Select(a => a.Sentences).ToArray()), ("text", articles.Select(a => a.Text).ToArray()),
            ("removed", articles.Select(a => JsonSerializer.Serialize(a.Article.Removed, StoreJson.Compact.ListRemoval)).ToArray()),
            ("flags", articles.Select(a => JsonSerializer.Serialize(a.Article.Flags, StoreJson.Compact.ListFlag)).ToArray()),
            ("analysis", articles.Select(a => a.Analysis).ToArray()));
        var mentions = articles.SelectMany(a => a.Mentions.Select(m => (a.Sequence, Mention: m))).ToList();
        Execute(c, tx, "INSERT INTO article_mentions(article, surface, type, count) SELECT * FROM unnest(@seq, @surface, @type, @count)",
            ("seq", mentions.Select(m => m.Sequence).ToArray()), ("surface", mentions.Select(m => m.Mention.Surface).ToArray()),
            ("type", mentions.Select(m => m.Mention.Type.ToName()).ToArray()), ("count", mentions.Select(m => m.Mention.Count).ToArray()));

        // A story's first date is over all its stored articles, so it is set once the batch's articles are in.
        Execute(c, tx, "UPDATE stories s SET first_utc = (SELECT MIN(published_utc) FROM articles a WHERE a.story = s.idx) WHERE s.idx = ANY(@idx)", ("idx", changed));

        var df = batch.DocumentFrequencies.OrderBy(kv => kv.Key).ToList();
        Execute(c, tx, "INSERT INTO df(term, n) SELECT * FROM unnest(@t, @n) ON CONFLICT(term) DO UPDATE SET n = df.n + excluded.n",
            ("t", df.Select(kv => unchecked((long)kv.Key)).ToArray()), ("n", df.Select(kv => kv.Value).ToArray()));

        if (batch.Consumed is { Count: > 0 } consumed)
            Execute(c, tx, "DELETE FROM queue WHERE seq = ANY(@seq)", ("seq", consumed.ToArray()));
        tx.Commit();
    }

    public IReadOnlyList<StoredMember> Members(int story)
    {
        using var c = _source.OpenConnection();
        using var cmd = Command(c, null, "SELECT seq, id, title, source, url, outlet, author, published, analysis FROM articles WHERE story = @s ORDER BY seq", ("s", story));
        using var r = cmd.ExecuteReader();
        var members = new List<StoredMember>();
        while (r.Read())
        {
            var article = new Article(r.GetString(1), r.GetString(2), "", r.GetString(3))
            {
                Url = NullableString(r, 4), Outlet = NullableString(r, 5), Author = NullableString(r, 6), Published = StoreDates.Parse(NullableString(r, 7)),
            };
            members.Add(new StoredMember(article, (byte[])r.GetValue(8), r.GetInt64(0)));
        }
        return members;
    }

    public StoreStats Stats()
    {
        using var c = _source.OpenConnection();
        return new StoreStats((long)Scalar(c, null, "SELECT COUNT(*) FROM articles")!, (int)(long)Scalar(c, null, "SELECT COUNT(*) FROM stories WHERE size > 0")!,
            (int)Scalar(c, null, "SELECT version FROM schema_version")!);
    }

    public Page<StorySummary> Stories(int offset, int limit)
    {
        StorePages.Check(offset, limit);
        using var c = _source.OpenConnection();
        var total = (int)(long)Scalar(c, null, "SELECT COUNT(*) FROM stories WHERE size > 0")!;
        using var cmd = Command(c, null, "SELECT idx, title, size, outlets, first_utc, last_utc, updated FROM stories WHERE size > 0 ORDER BY updated DESC, idx DESC LIMIT @l OFFSET @o",
            ("l", limit), ("o", offset));
        using var r = cmd.ExecuteReader();
        var items = new List<StorySummary>();
        while (r.Read())
            items.Add(new StorySummary(StoryIds.Of(r.GetInt32(0)), r.GetString(1), r.GetInt32(2), r.GetInt32(3), Utc(r, 4), Utc(r, 5), r.GetInt64(6)));
        return new Page<StorySummary>(items, offset, limit, total);
    }

    public StoryRecord? Story(string id)
    {
        if (!StoryIds.TryParse(id, out var idx)) return null;
        using var c = _source.OpenConnection();
        return Scalar(c, null, "SELECT dossier FROM stories WHERE idx = @i AND size > 0", ("i", idx)) is string json
            ? JsonSerializer.Deserialize(json, StoreJson.Compact.StoryRecord)
            : null;
    }

    public StoredArticle? Article(string id)
    {
        using var c = _source.OpenConnection();
        using var cmd = Command(c, null, """
            SELECT id, given_id, story, title, source, url, outlet, author, published, sentences, text, removed, flags, seq
            FROM articles WHERE id = @id
            """, ("id", id));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new StoredArticle(r.GetString(0), r.GetString(1), StoryIds.Of(r.GetInt32(2)), r.GetString(3), r.GetString(4),
            NullableString(r, 5), NullableString(r, 6), NullableString(r, 7), StoreDates.Parse(NullableString(r, 8)), r.GetInt32(9), r.GetString(10),
            JsonSerializer.Deserialize(r.GetString(11), StoreJson.Compact.ListRemoval) ?? [],
            JsonSerializer.Deserialize(r.GetString(12), StoreJson.Compact.ListFlag) ?? [], r.GetInt64(13));
    }

    public Page<ArticleSummary> Articles(string? story, int offset, int limit)
    {
        StorePages.Check(offset, limit);
        var idx = -1;
        if (story is not null && !StoryIds.TryParse(story, out idx)) throw new StoreQueryException($"story '{story}' is not a story id (s1, s2, …)");
        using var c = _source.OpenConnection();
        var where = story is null ? "" : "WHERE story = @s";
        var total = (int)(long)Scalar(c, null, $"SELECT COUNT(*) FROM articles {where}", ("s", idx))!;
        using var cmd = Command(c, null, $"SELECT id, story, title, outlet, published FROM articles {where} ORDER BY seq LIMIT @l OFFSET @o",
            ("s", idx), ("l", limit), ("o", offset));
        using var r = cmd.ExecuteReader();
        var items = new List<ArticleSummary>();
        while (r.Read()) items.Add(new ArticleSummary(r.GetString(0), StoryIds.Of(r.GetInt32(1)), r.GetString(2), NullableString(r, 3), StoreDates.Parse(NullableString(r, 4))));
        return new Page<ArticleSummary>(items, offset, limit, total);
    }

    public Page<SearchHit> Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        StorePages.Check(query.Offset, query.Limit);
        var phrases = FtsQuery.Phrases(query.Text);
        if (query.From is { } from && query.To is { } to && from > to) throw new StoreQueryException("'from' is after 'to'");
        var parameters = new List<(string, object?)>
        {
            ("l", query.Limit), ("o", query.Offset), ("entity", query.Entity), ("outlet", query.Outlet),
            ("from", query.From?.ToUnixTimeMilliseconds()), ("to", query.To?.ToUnixTimeMilliseconds()),
        };
        // Every word or phrase is required: phraseto_tsquery of each, joined with &&; nothing the user typed is read as syntax.
        var tsquery = new StringBuilder();
        for (var i = 0; i < phrases.Count; i++)
        {
            if (i > 0) tsquery.Append(" && ");
            tsquery.Append($"phraseto_tsquery('english', @p{i})");
            parameters.Add(($"p{i}", phrases[i]));
        }
        const string Entities = "SELECT y.entity FROM entity_aliases y WHERE y.entity = @entity OR lower(y.alias) = lower(@entity)";
        var filters = new StringBuilder();
        // Matches are counted and ranked in one table, and the page's rows read from another for articles.
        string table, pageTable, key, snippetOf, select;
        if (query.Kind == SearchKind.Articles)
        {
            table = "article_search";
            pageTable = "articles";
            key = "seq";
            snippetOf = "text";
            select = "x.id, x.story, x.title, x.outlet, x.published";
            if (query.Outlet is not null) filters.Append(" AND x.outlet = lower(@outlet)");
            if (query.From is not null) filters.Append(" AND x.published_utc >= @from");
            if (query.To is not null) filters.Append(" AND x.published_utc <= @to");
            if (query.Entity is not null)
                filters.Append($" AND x.seq IN (SELECT m.article FROM article_mentions m WHERE lower(m.surface) IN (SELECT lower(a.alias) FROM entity_aliases a WHERE a.entity IN ({Entities})) OR lower(m.surface) = lower(@entity))");
        }
        else
        {
            table = pageTable = "stories";
            key = "idx";
            snippetOf = "summary";
            select = "x.idx, x.idx, x.title, NULL, x.last_published";
            if (query.Outlet is not null) filters.Append(" AND x.idx IN (SELECT story FROM articles WHERE lower(outlet) = lower(@outlet))");
            if (query.From is not null) filters.Append(" AND x.last_utc >= @from");
            if (query.To is not null) filters.Append(" AND x.first_utc <= @to");
            if (query.Entity is not null) filters.Append($" AND x.idx IN (SELECT story FROM story_entities WHERE entity IN ({Entities}))");
        }
        var q = $"(SELECT {tsquery} AS q) qq";
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction();
        // Keys follow arrival and have no gaps: the newest key says how many rows there are (read before the settings
        // below, which would also turn off the index-only scan that finds it).
        var last = Convert.ToInt64(Scalar(c, tx, $"SELECT COALESCE(MAX({key}), 0) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);
        // The planner prices a sequential scan of a word's matches, or a walk down the key checking each row, near the
        // GIN index's bitmap, but both unpack every row's stored tsvector (up to a second at 100,000 articles, against
        // tens of milliseconds): for this transaction only, matches come from the index.
        Execute(c, tx, "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off");
        var args = parameters.ToArray();
        var page = new SearchPage(query, select, pageTable, key, snippetOf, phrases, args);
        var matches = $"{table} x, {q} WHERE x.tsv @@ qq.q{filters}";
        // Past StorePages.RankWindow matches, rank only the newest (ts_rank reads each match's whole tsvector), as a
        // reader of news would want first. Keys follow arrival, so the newest RankWindow matches lie, about, above
        // last - RankWindow * last / matches, with the planner's estimate of the matches: its statistics of each
        // column's commonest lexemes make it close where it matters, for common words.
        var estimate = EstimateMatches(c, tx, table, filters.ToString(), phrases.Count, args);
        var rows = estimate > RankWindow ? Math.Min(last, (long)Math.Ceiling(RankWindow * last / estimate)) : last;
        // Through the index, a search visits every match (1–1.4 µs each here, counting and windowing included);
        // testing the newest rows one by one instead unpacks each row's tsvector (2–2.6 µs) but stops after the
        // window's rows: for "also" (43,200 matches in 100,980 articles) about 20 ms against 45. The total is then
        // estimated from the window's match rate, as counting every match would cost the visits saved.
        const double TestCostInVisits = 2;
        var byRange = estimate > TestCostInVisits * rows;
        // OFFSET 0 keeps the query's test out of the range scan, where the planner would turn it back into an index search.
        var (n, ranked) = page.Read(c, tx, byRange
            ? $"SELECT r.k, ts_rank(r.tsv, qq.q) AS rank FROM (SELECT x.{key} AS k, x.tsv FROM {table} x WHERE x.{key} > {Above(last, rows)}{filters} OFFSET 0) r, {q} WHERE r.tsv @@ qq.q"
            // One pass over the index's matches counts them all and ranks those in the window. "+ 0" keeps the key's
            // index out of the plan: a range scan of it then tests every row of the range against the query.
            : $"SELECT x.{key} AS k, CASE WHEN x.{key} + 0 > {Above(last, rows)} THEN ts_rank(x.tsv, qq.q) END AS rank FROM {matches}");
        var wanted = Math.Min(query.Offset + query.Limit, RankWindow / 2);
        if (page.Hits.Count > 0 && (rows == last || ranked >= wanted))
            return new Page<SearchHit>(page.Hits, query.Offset, query.Limit,
                (int)(byRange ? Math.Max(n, Math.Round((double)n * last / rows)) : n), TotalIsEstimate: byRange && rows < last);
        // The estimate was far off, or the page is past the matches: count exactly, and rank the window that count gives.
        var total = page.Hits.Count > 0 && !byRange ? n : (long)Scalar(c, tx, $"SELECT COUNT(*) FROM {matches}", args)!;
        if (total > query.Offset && total > ranked)
        {
            rows = total > RankWindow ? (long)Math.Ceiling((double)RankWindow * last / total) : last;
            page.Hits.Clear();
            page.Read(c, tx, $"SELECT x.{key} AS k, ts_rank(x.tsv, qq.q) AS rank FROM {matches} AND x.{key} + 0 > {Above(last, rows)}");
        }
        return new Page<SearchHit>(page.Hits, query.Offset, query.Limit, (int)total);
    }

    /// <summary>The key above which the newest <paramref name="rows"/> of keys up to <paramref name="last"/> lie (story keys start at 0).</summary>
    private static long Above(long last, long rows) => rows >= last ? -1 : last - rows;

    /// <summary>The planner's estimate of a search's matches.</summary>
    /// <remarks>
    /// For several words it multiplies their rates, as if they were independent, but the words of one search tend to
    /// come together ("Iraq Syria": 3,000 estimated, 10,740 found), and an estimate far too low ranks every match. The
    /// estimate used is halfway, in logarithms, between that product and the rarest word's own estimate (the most
    /// the words could match together; a phrase of stop words, which the search leaves out, is left out here too).
    /// </remarks>
    private static double EstimateMatches(NpgsqlConnection c, NpgsqlTransaction tx, string table, string filters, int phrases, (string, object?)[] args)
    {
        var sql = new StringBuilder("EXPLAIN (FORMAT JSON) ");
        for (var i = 0; i < phrases && phrases > 1; i++)
            sql.Append(CultureInfo.InvariantCulture, $"SELECT 1 FROM {table} x WHERE x.tsv @@ phraseto_tsquery('english', @p{i}){filters} UNION ALL ");
        sql.Append(CultureInfo.InvariantCulture, $"SELECT 1 FROM {table} x WHERE x.tsv @@ ({string.Join(" && ", Enumerable.Range(0, phrases).Select(i => $"phraseto_tsquery('english', @p{i})"))}){filters}");
        using var cmd = Command(c, tx, sql.ToString(), args);
        using var plan = JsonDocument.Parse((string)cmd.ExecuteScalar()!);
        var top = plan.RootElement[0].GetProperty("Plan");
        if (phrases < 2) return top.GetProperty("Plan Rows").GetDouble();
        var parts = top.GetProperty("Plans").EnumerateArray().Select(p => p.GetProperty("Plan Rows").GetDouble()).ToList();
        var rarest = parts.Take(phrases).Where(n => n > 1).DefaultIfEmpty(parts[^1]).Min();
        return Math.Sqrt(parts[^1] * rarest);
    }

    /// <summary>One page of search hits, read from a ranking subquery with columns k and rank (null: not ranked).</summary>
    private sealed class SearchPage(SearchQuery query, string select, string pageTable, string key, string snippetOf,
        IReadOnlyList<string> phrases, (string, object?)[] args)
    {
        public List<SearchHit> Hits { get; } = [];

        /// <summary>Adds the page's hits; returns how many rows the subquery gave and ranked (both 0 when the page is empty).</summary>
        public (long N, long Ranked) Read(NpgsqlConnection c, NpgsqlTransaction tx, string ranked)
        {
            // Rank and page first; the text for snippets only for the page's rows. The counts come before the filter;
            // OFFSET 0 has the subquery's ranks computed below the counting, which would otherwise keep every row's
            // tsvector to compute them from (spilling to disk).
            using var cmd = Command(c, tx, $"""
                SELECT {select}, h.rank, left(x.{snippetOf}, {MaxIndexedChars}), h.n, h.w
                FROM (SELECT t.k, t.rank, t.n, t.w FROM (SELECT s.k, s.rank, COUNT(*) OVER () AS n, COUNT(s.rank) OVER () AS w FROM ({ranked} OFFSET 0) s) t
                      WHERE t.rank IS NOT NULL ORDER BY t.rank DESC, t.k LIMIT @l OFFSET @o) h
                JOIN {pageTable} x ON x.{key} = h.k
                ORDER BY h.rank DESC, x.{key}
                """, args);
            using var r = cmd.ExecuteReader();
            var (n, w) = (0L, 0L);
            while (r.Read())
            {
                var id = query.Kind == SearchKind.Articles ? r.GetString(0) : StoryIds.Of(r.GetInt32(0));
                Hits.Add(new SearchHit(id, StoryIds.Of(r.GetInt32(1)), r.GetString(2), NullableString(r, 3), StoreDates.Parse(NullableString(r, 4)),
                    r.GetFloat(5), SqliteStore.Snippet(r.IsDBNull(6) ? "" : SearchSnippet.Mark(r.GetString(6), phrases))));
                (n, w) = (r.GetInt64(7), r.GetInt64(8));
            }
            return (n, w);
        }
    }

    public Page<EntitySummary> Entities(string? name, int offset, int limit)
    {
        StorePages.Check(offset, limit);
        using var c = _source.OpenConnection();
        var where = string.IsNullOrWhiteSpace(name) ? "" : "WHERE e.entity IN (SELECT entity FROM entity_aliases WHERE alias ILIKE '%' || @n || '%' ESCAPE '\\')";
        var pattern = name?.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var total = (int)(long)Scalar(c, null, $"SELECT COUNT(DISTINCT e.entity) FROM story_entities e {where}", ("n", pattern))!;
        using var cmd = Command(c, null, $"""
            SELECT e.entity,
                   (SELECT n.name FROM story_entities n WHERE n.entity = e.entity ORDER BY n.mentions DESC, n.story LIMIT 1),
                   MIN(e.type), SUM(e.mentions), COUNT(*)
            FROM story_entities e {where}
            GROUP BY e.entity ORDER BY SUM(e.mentions) DESC, e.entity LIMIT @l OFFSET @o
            """, ("n", pattern), ("l", limit), ("o", offset));
        using var r = cmd.ExecuteReader();
        var items = new List<EntitySummary>();
        while (r.Read()) items.Add(new EntitySummary(r.GetString(0), r.GetString(1), r.GetString(2), (int)r.GetInt64(3), (int)r.GetInt64(4)));
        return new Page<EntitySummary>(items, offset, limit, total);
    }

    // --- The work queue ---

    public void Enqueue(IReadOnlyList<(string Source, byte[] Article)> articles, bool endOfInput)
    {
        ArgumentNullException.ThrowIfNull(articles);
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction();
        // One appender at a time: sequence numbers then follow commit order, so a placer reading in order never
        // passes an entry that a slower transaction commits later.
        Execute(c, tx, $"SELECT pg_advisory_xact_lock({EnqueueKey})");
        Execute(c, tx, "INSERT INTO queue(state, source, article) SELECT 0, s, a FROM unnest(@s, @a) WITH ORDINALITY AS t(s, a, n) ORDER BY n",
            ("s", articles.Select(a => a.Source).ToArray()), ("a", articles.Select(a => a.Article).ToArray()));
        if (endOfInput) Execute(c, tx, $"INSERT INTO queue(state, source) VALUES ({(int)QueueState.End}, 'end of input')");
        tx.Commit();
    }

    public IQueueClaim? Claim(string worker, int max)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        var c = _source.OpenConnection();
        NpgsqlTransaction? tx = null;
        try
        {
            tx = c.BeginTransaction();
            // SKIP LOCKED: entries another worker holds are passed over, never waited for or taken twice; the locks
            // last until this transaction ends, so a worker that dies gives its entries back.
            using var cmd = Command(c, tx, "SELECT seq, source, article FROM queue WHERE state = 0 ORDER BY seq LIMIT @max FOR UPDATE SKIP LOCKED", ("max", max));
            var items = new List<ClaimedArticle>();
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read()) items.Add(new ClaimedArticle(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2)));
            }
            if (items.Count == 0)
            {
                tx.Dispose();
                c.Dispose();
                return null;
            }
            return new QueueClaim(c, tx, worker, items);
        }
        catch
        {
            tx?.Dispose();
            c.Dispose();
            throw;
        }
    }

    private sealed class QueueClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, string worker, IReadOnlyList<ClaimedArticle> items) : IQueueClaim
    {
        public IReadOnlyList<ClaimedArticle> Items => items;

        public void Complete(IReadOnlyList<AnalysisResult> results)
        {
            ArgumentNullException.ThrowIfNull(results);
            Execute(connection, transaction, """
                UPDATE queue q SET state = CASE WHEN r.analysis IS NULL THEN 2 ELSE 1 END, analysis = r.analysis, reason = r.reason,
                    worker = @worker, article = NULL
                FROM unnest(@seq, @analysis, @reason) AS r(seq, analysis, reason) WHERE q.seq = r.seq AND q.state = 0
                """,
                ("worker", worker), ("seq", results.Select(x => x.Sequence).ToArray()),
                ("analysis", results.Select(x => x.Analysis).ToArray()), ("reason", results.Select(x => x.Reason).ToArray()));
            transaction.Commit();
        }

        public void Dispose()
        {
            transaction.Dispose();
            connection.Dispose();
        }
    }

    public IReadOnlyList<QueueEntry> Entries(long after, int max)
    {
        using var c = _source.OpenConnection();
        using var cmd = Command(c, null, "SELECT seq, state, source, analysis, reason FROM queue WHERE seq > @after ORDER BY seq LIMIT @max", ("after", after), ("max", max));
        using var r = cmd.ExecuteReader();
        var entries = new List<QueueEntry>();
        while (r.Read())
            entries.Add(new QueueEntry(r.GetInt64(0), (QueueState)r.GetInt16(1), r.GetString(2), r.IsDBNull(3) ? null : (byte[])r.GetValue(3), NullableString(r, 4)));
        return entries;
    }

    public QueueCounts Counts()
    {
        using var c = _source.OpenConnection();
        using var cmd = Command(c, null, "SELECT state, COUNT(*) FROM queue GROUP BY state");
        using var r = cmd.ExecuteReader();
        var n = new long[4];
        while (r.Read()) n[r.GetInt16(0)] = r.GetInt64(1);
        return new QueueCounts(n[0], n[1], n[2], n[3]);
    }

    public void Dispose() => _source.Dispose();

    private static DateTimeOffset? Utc(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(sql, "@" + name + @"\b")) continue;
            // Null filters still need a type for the server to plan the statement.
            cmd.Parameters.Add(value is null ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value } : new NpgsqlParameter(name, value));
        }
        return cmd;
    }

    private static object? Scalar(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static void Execute(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        cmd.ExecuteNonQuery();
    }
}

/// <summary>The server of a PostgreSQL store cannot be reached or refused the connection.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
