using System.IO.Compression;
using Infra.Core.Onboarding;

namespace Infra.Core.Tests.Onboarding;

public class ImportTests
{
    private static string Write(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("import").FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<string> Entries(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry("import.jsonl")!.Open());
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void A_csv_export_becomes_a_zip_that_passes_the_offline_validation_with_usernames_derived()
    {
        var csv = Write("users.csv",
            "email,username,first_name,last_name,position,teams\n" +
            "ada@example.org,Ada,Ada,Lovelace,\"Engineer, senior\",eng;pilot\n" +
            "grace.hopper@example.org,,Grace,Hopper,,eng\n" +
            "all@example.org,,,,,\n" +
            "9lives@example.org,bad name!,,,,\n");
        var zip = Path.ChangeExtension(csv, ".zip");
        var r = ApplyTests.Run(new ContractServer(), new FakeSleeper(), "good-token", "import", "build", "--from", csv, "--out", zip, "--auth", "saml", "--team", "pilot");
        Assert.True(r.Code == 0, r.Err);
        var lines = Entries(zip);
        Assert.Empty(BulkImport.Validate(lines));
        Assert.Equal("{\"type\":\"version\",\"version\":1}", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"type\":\"team\"") && l.Contains("\"name\":\"eng\""));
        Assert.Contains(lines, l => l.Contains("\"username\":\"ada\"") && l.Contains("\"position\":\"Engineer, senior\"") && l.Contains("\"auth_service\":\"saml\""));
        Assert.Contains(lines, l => l.Contains("\"username\":\"grace.hopper\""));
        Assert.Contains(lines, l => l.Contains("\"username\":\"all.user\""));   // a reserved name is not used
        Assert.Contains(lines, l => l.Contains("\"username\":\"bad.name\""));   // an invalid one is normalised
        var firstUser = lines.FindIndex(l => l.Contains("\"type\":\"user\""));
        Assert.True(lines.FindLastIndex(l => l.Contains("\"type\":\"team\"")) < firstUser);
    }

    [Fact]
    public void Duplicates_are_refused_with_their_line_numbers_and_nothing_is_written()
    {
        var csv = Write("users.csv", "email,username\na@example.org,anna\nb@example.org,anna\nA@example.org,\nnot-an-address,\n");
        var zip = Path.ChangeExtension(csv, ".zip");
        var r = ApplyTests.Run(new ContractServer(), new FakeSleeper(), "good-token", "import", "build", "--from", csv, "--out", zip);
        Assert.Equal(2, r.Code);
        Assert.Contains("line 3: username anna duplicates line 2", r.Err);
        Assert.Contains("line 4: e-mail A@example.org duplicates line 2", r.Err);
        Assert.Contains("line 5: 'not-an-address' is not an e-mail address", r.Err);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void An_ldif_export_signs_users_in_through_ldap_by_uid()
    {
        var ldif = Write("export.ldif",
            "version: 1\n\ndn: uid=jdoe,ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuid: jdoe\nmail: john.doe@exa\n mple.org\n" +
            "givenName: John\nsn:: RG/DqQ==\ntitle: Analyst\n\ndn: ou=people,dc=example,dc=org\nobjectClass: organizationalUnit\n");
        var zip = Path.ChangeExtension(ldif, ".zip");
        var r = ApplyTests.Run(new ContractServer(), new FakeSleeper(), "good-token", "import", "build", "--from", ldif, "--out", zip, "--auth", "ldap", "--team", "pilot");
        Assert.True(r.Code == 0, r.Err);
        var user = Assert.Single(Entries(zip), l => l.Contains("\"type\":\"user\""));
        Assert.Contains("\"email\":\"john.doe@example.org\"", user);
        Assert.Contains("\"auth_service\":\"ldap\",\"auth_data\":\"jdoe\"", user);
        Assert.Contains("\"last_name\":\"Doé\"", user);
    }

    [Fact]
    public void Import_run_uploads_starts_the_job_follows_it_and_reports_rejected_lines()
    {
        var csv = Write("users.csv", "email\na@example.org\n");
        var zip = Path.ChangeExtension(csv, ".zip");
        Assert.Equal(0, ApplyTests.Run(new ContractServer(), new FakeSleeper(), "t", "import", "build", "--from", csv, "--out", zip, "--team", "pilot").Code);

        var server = new ContractServer();
        var ok = ApplyTests.Run(server, new FakeSleeper(), "good-token", "import", "run", "--file", zip);
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("100% success", ok.Err);
        var job = Assert.Single(server.Jobs.Values);
        Assert.Equal("import_process", (string)job["type"]!);
        Assert.EndsWith("_users.zip", (string)job["data"]!["import_file"]!);
        Assert.Empty(server.Violations);

        var failing = new ContractServer();
        failing.ImportRejects.Add((3, "app.import.validate_user_import_data.username_invalid.error"));
        var bad = ApplyTests.Run(failing, new FakeSleeper(), "good-token", "import", "run", "--file", zip);
        Assert.Equal(4, bad.Code);
        Assert.Contains("rejected: line 3: app.import.validate_user_import_data.username_invalid.error", bad.Out);
    }
}
