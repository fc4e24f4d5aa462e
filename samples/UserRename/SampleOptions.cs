using System.Globalization;

namespace UserRename;

/// <summary>Command-line options of the sample.</summary>
public sealed record SampleOptions(int Users, int Writers, int Readers, string? MongoUri, int BatchSize, bool Help)
{
    public const string Usage = """
        UserRename — renames User.fullName to User.displayName in a live collection, with zero downtime.

        Usage: dotnet run --project samples/UserRename -- [options]

          --users <n>      users seeded by V1 code before the migration (default 100000)
          --writers <n>    concurrent writers (renames and inserts) during the whole story (default 4)
          --readers <n>    concurrent readers (look-ups by name and counts) (default 4)
          --batch <n>      backfill batch size (default 1000)
          --mongo <uri>    a real MongoDB to use instead of the embedded server (or set MONGODB_URI)
          --help           show this text

        Exit code 0 when every invariant holds (0 failed requests, 0 lost writes, every user migrated), 1 otherwise.
        """;

    public static SampleOptions Parse(string[] args)
    {
        int users = 100_000, writers = 4, readers = 4, batch = 1000;
        string? uri = Environment.GetEnvironmentVariable("MONGODB_URI");
        bool help = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(string name)
            {
                string text = Next();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
                    ? n
                    : throw new ArgumentException($"{name} must be a non-negative integer, not '{text}'.");
            }

            switch (args[i])
            {
                case "--users": users = Number("--users"); break;
                case "--writers": writers = Number("--writers"); break;
                case "--readers": readers = Number("--readers"); break;
                case "--batch": batch = Math.Max(1, Number("--batch")); break;
                case "--mongo": uri = Next(); break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Use --help.");
            }
        }

        return new SampleOptions(users, writers, readers, string.IsNullOrWhiteSpace(uri) ? null : uri, batch, help);
    }
}
