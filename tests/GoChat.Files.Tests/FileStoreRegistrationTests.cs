using GoChat.Files.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GoChat.Files.Tests;

/// <summary>How AddGoChatFileStore reads Files:Store and Files:S3. No store is reached: nothing here sends a request.</summary>
public class FileStoreRegistrationTests
{
    private static readonly Dictionary<string, string?> S3Section = new()
    {
        ["Files:S3:ServiceUrl"] = "https://s3.agency.example",
        ["Files:S3:Bucket"] = "gochat",
        ["Files:S3:AccessKey"] = "test-access",
        ["Files:S3:SecretKey"] = "test-secret",
    };

    private static ServiceProvider Services(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"));
        services.AddGoChatFileStore(configuration);
        var provider = services.BuildServiceProvider();
        // What a host does before it starts: runs every ValidateOnStart.
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    [Fact]
    public void New_files_go_to_postgres_unless_told_otherwise()
    {
        using var services = Services([]);
        var stores = services.GetRequiredService<FileStores>();
        Assert.Equal("postgres", stores.Current.Name);
        Assert.Equal(["postgres"], stores.Names);
        Assert.IsType<PostgresFileStore>(services.GetRequiredKeyedService<IFileStore>("postgres"));
    }

    [Fact]
    public void With_Files_Store_s3_new_files_go_to_s3_and_files_already_in_postgres_are_still_read_there()
    {
        using var services = Services([.. S3Section, new("Files:Store", "s3")]);
        var stores = services.GetRequiredService<FileStores>();
        Assert.IsType<S3FileStore>(stores.Current);
        Assert.IsType<PostgresFileStore>(stores.Get("postgres"));
        Assert.Same(stores.Current, services.GetRequiredKeyedService<IFileStore>("s3"));
    }

    [Fact]
    public void Files_already_in_s3_are_still_read_there_after_new_files_go_back_to_postgres()
    {
        using var services = Services([.. S3Section, new("Files:Store", "postgres")]);
        var stores = services.GetRequiredService<FileStores>();
        Assert.Equal("postgres", stores.Current.Name);
        Assert.IsType<S3FileStore>(stores.Get("s3"));
    }

    [Fact]
    public void A_file_in_a_store_this_process_has_no_configuration_for_is_a_clear_error()
    {
        using var services = Services([]);
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<FileStores>().Get("s3"));
        Assert.Contains("Files:S3", error.Message);
    }

    [Fact]
    public void Choosing_s3_without_its_keys_fails_at_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Services([new("Files:Store", "s3"), new("Files:S3:Bucket", "gochat")]));
        Assert.Contains("AccessKey", error.Message);
        Assert.Contains("SecretKey", error.Message);
    }

    [Fact]
    public void An_unknown_store_fails_at_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Services([new("Files:Store", "ftp")]));
        Assert.Contains("Files:Store", error.Message);
    }
}
