using Npgsql;

namespace Dossier.Store;

/// <summary>
/// Reads a store address of the form postgres://user:password@host:port/database?option=value (the form libpq and
/// most hosting services give) into Npgsql's connection settings. Options are Npgsql's connection-string keywords
/// (sslmode, timeout, …); the password may also come from PGPASSWORD, so that it stays out of command lines.
/// </summary>
public static class PostgresAddress
{
    /// <returns>The settings, and the address to show in messages (without the password).</returns>
    /// <exception cref="ArgumentException">The address cannot be read, with what is wrong.</exception>
    public static (NpgsqlConnectionStringBuilder Settings, string Location) Parse(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new ArgumentException($"'{Redact(address)}' is not a postgres://user@host:port/database address", nameof(address));
        if (string.IsNullOrEmpty(uri.Host)) throw new ArgumentException($"'{Redact(address)}' names no host", nameof(address));
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"'{Redact(address)}' names no database (postgres://host/DATABASE)", nameof(address));
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        var user = uri.UserInfo;
        if (user.Length > 0)
        {
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            settings.Username = Uri.UnescapeDataString(colon < 0 ? user : user[..colon]);
            if (colon >= 0) settings.Password = Uri.UnescapeDataString(user[(colon + 1)..]);
        }
        if (settings.Password is null && Environment.GetEnvironmentVariable("PGPASSWORD") is { Length: > 0 } password) settings.Password = password;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                settings[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"'{Redact(address)}': option '{key}={value}' is not a PostgreSQL connection setting ({e.Message.TrimEnd('.')})", nameof(address), e);
            }
        }
        var location = $"postgres://{(settings.Username is { } u ? Uri.EscapeDataString(u) + "@" : "")}{settings.Host}:{settings.Port}/{Uri.EscapeDataString(database)}";
        return (settings, location);
    }

    /// <summary>The address with any password replaced, for messages.</summary>
    public static string Redact(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return address;
        var colon = address.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? address[..(colon + 1)] + "***" + address[at..] : address;
    }
}
