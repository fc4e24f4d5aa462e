using System.Collections.Concurrent;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Cursors;

/// <summary>Open cursors by id, and the batching rules of find/aggregate/getMore replies.</summary>
internal sealed class CursorManager
{
    /// <summary>The default size of a first batch when the client names none.</summary>
    public const int DefaultFirstBatchSize = 101;
    private const int MaxBatchBytes = 16 * 1024 * 1024;
    private readonly ConcurrentDictionary<long, ServerCursor> open = new();
    private long nextId = 1_000;

    /// <summary>Builds a <c>{cursor: {firstBatch, id, ns}, ok: 1}</c> reply, opening a cursor when documents remain.</summary>
    public BsonDocument FirstBatch(string databaseName, string collectionName, IEnumerable<BsonDocument> results, int? batchSize, bool singleBatch)
    {
        var cursor = new ServerCursor(databaseName, collectionName, results.GetEnumerator());
        BsonArray batch = TakeBatch(cursor, batchSize ?? DefaultFirstBatchSize, out bool exhausted);
        long id = 0;
        if (!exhausted && !singleBatch)
        {
            id = Interlocked.Increment(ref nextId);
            cursor.Id = id;
            open[id] = cursor;
        }
        else
        {
            cursor.Remaining.Dispose();
        }

        return Reply("firstBatch", batch, id, cursor.Namespace);
    }

    public BsonDocument GetMore(string databaseName, string collectionName, long cursorId, int? batchSize)
    {
        if (!open.TryGetValue(cursorId, out ServerCursor? cursor))
        {
            throw new MongoCommandException(ErrorCode.CursorNotFound, $"cursor id {cursorId} not found");
        }

        if (cursor.DatabaseName != databaseName || cursor.CollectionName != collectionName)
        {
            throw new MongoCommandException(ErrorCode.Unauthorized, $"Requested getMore on namespace '{databaseName}.{collectionName}', but cursor belongs to a different namespace {cursor.Namespace}");
        }

        BsonArray batch;
        bool exhausted;
        lock (cursor)
        {
            batch = TakeBatch(cursor, batchSize is > 0 ? batchSize.Value : int.MaxValue, out exhausted);
        }

        long id = cursorId;
        if (exhausted)
        {
            Kill(cursorId);
            id = 0;
        }

        return Reply("nextBatch", batch, id, cursor.Namespace);
    }

    /// <summary>Kills cursors; returns the ids that were open and those that were not.</summary>
    public (BsonArray Killed, BsonArray NotFound) Kill(IEnumerable<long> ids)
    {
        BsonArray killed = [], notFound = [];
        foreach (long id in ids)
        {
            (Kill(id) ? killed : notFound).Add(id);
        }

        return (killed, notFound);
    }

    private bool Kill(long id)
    {
        if (open.TryRemove(id, out ServerCursor? cursor))
        {
            cursor.Remaining.Dispose();
            return true;
        }

        return false;
    }

    private static BsonArray TakeBatch(ServerCursor cursor, int batchSize, out bool exhausted)
    {
        var batch = new BsonArray();
        long bytes = 0;
        while (batch.Count < batchSize)
        {
            if (!cursor.HasPeeked && !cursor.Remaining.MoveNext())
            {
                exhausted = true;
                return batch;
            }

            BsonDocument document = cursor.Remaining.Current;
            int size = document.ToBson().Length;
            if (batch.Count > 0 && bytes + size > MaxBatchBytes)
            {
                cursor.HasPeeked = true;
                exhausted = false;
                return batch;
            }

            cursor.HasPeeked = false;
            bytes += size;
            batch.Add(document);
        }

        // Look ahead so that a cursor whose last batch ends exactly at the end is closed now.
        if (cursor.HasPeeked || cursor.Remaining.MoveNext())
        {
            cursor.HasPeeked = true;
            exhausted = false;
        }
        else
        {
            exhausted = true;
        }

        return batch;
    }

    private static BsonDocument Reply(string batchName, BsonArray batch, long id, string ns) => new()
    {
        { "cursor", new BsonDocument { { batchName, batch }, { "id", id }, { "ns", ns } } },
        { "ok", 1.0 },
    };
}
