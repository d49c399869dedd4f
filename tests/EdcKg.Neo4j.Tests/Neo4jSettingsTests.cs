using EdcKg.Neo4j.QueryApi;

namespace EdcKg.Neo4j.Tests;

public sealed class Neo4jSettingsTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["NEO4J_URI"] = "https://db.example.org:7473",
        ["NEO4J_USERNAME"] = "reader",
        ["NEO4J_PASSWORD"] = "pa55",
        ["NEO4J_DATABASE"] = "kg",
    };

    [Fact]
    public void Settings_fall_back_to_the_neo4j_environment_variables()
    {
        var settings = Neo4jSettings.Resolve(null, null, null, null, name => Environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("https://db.example.org:7473"), settings.Uri);
        Assert.Equal("reader", settings.Username);
        Assert.Equal("pa55", settings.Password);
        Assert.Equal("kg", settings.Database);
    }

    [Fact]
    public void Options_win_over_the_environment_and_the_database_defaults_to_neo4j()
    {
        var settings = Neo4jSettings.Resolve("http://localhost:7474", "admin", null, null, name => name == "NEO4J_PASSWORD" ? "envpass" : null);

        Assert.Equal(new Uri("http://localhost:7474"), settings.Uri);
        Assert.Equal("admin", settings.Username);
        Assert.Equal("envpass", settings.Password);
        Assert.Equal("neo4j", settings.Database);
    }

    [Theory]
    [InlineData("bolt://localhost:7687")]
    [InlineData("neo4j+s://x.databases.neo4j.io")]
    [InlineData("localhost:7474")]
    public void Non_http_addresses_are_rejected_naming_the_option(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() => Neo4jSettings.Resolve(uri, null, null, null, _ => null));

        Assert.Contains("--neo4j-uri", error.Message);
        Assert.Contains(uri, error.Message);
    }

    [Fact]
    public void A_missing_address_names_the_option_and_the_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => Neo4jSettings.Resolve(null, null, null, null, _ => null));

        Assert.Contains("--neo4j-uri", error.Message);
        Assert.Contains("NEO4J_URI", error.Message);
    }

    [Fact]
    public void Printing_settings_never_shows_the_password_or_token()
    {
        var settings = Neo4jSettings.Resolve(null, null, null, null, name => Environment.GetValueOrDefault(name)) with { BearerToken = "tok-secret" };

        Assert.DoesNotContain("pa55", settings.ToString());
        Assert.DoesNotContain("tok-secret", settings.ToString());
        Assert.Contains("db.example.org", settings.ToString());
    }
}
