using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>A worker's hold on one job of one migration. <see cref="Token"/> fences every write: a worker that lost the lease cannot write progress.</summary>
internal sealed record JobLease(string MigrationId, string Kind, string Owner, long Token, BsonDocument Job);

/// <summary>What an operator asked of a running job, read at each lease renewal.</summary>
internal sealed record JobControl(string? Command, ThrottleSettings? Throttle);
