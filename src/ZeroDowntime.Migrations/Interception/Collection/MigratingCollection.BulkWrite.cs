using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// BulkWrite: each model rewritten like its single-document counterpart; the materializing writes run first, as separate
/// updates. Results and <see cref="MongoBulkWriteException{TDocument}"/> report the caller's own models.
/// </summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public BulkWriteResult<TDocument> BulkWrite(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkWriteCore(null, requests, options, cancellationToken);

    /// <inheritdoc />
    public BulkWriteResult<TDocument> BulkWrite(IClientSessionHandle session, IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkWriteCore(Required(session), requests, options, cancellationToken);

    /// <inheritdoc />
    public Task<BulkWriteResult<TDocument>> BulkWriteAsync(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkWriteCoreAsync(null, requests, options, cancellationToken);

    /// <inheritdoc />
    public Task<BulkWriteResult<TDocument>> BulkWriteAsync(IClientSessionHandle session, IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkWriteCoreAsync(Required(session), requests, options, cancellationToken);

    private BulkWriteResult<TDocument> BulkWriteCore(IClientSessionHandle? session, IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            BulkWritePlan plan = PlanBulkWrite(requests);
            foreach ((IReadOnlyList<Materialization> writes, Collation? collation) in plan.Materialize)
            {
                Materialize(session, writes, collation, options?.Let, cancellationToken);
            }

            try
            {
                return plan.Map(session is null
                    ? inner.BulkWrite(plan.Rewritten, options, cancellationToken)
                    : inner.BulkWrite(session, plan.Rewritten, options, cancellationToken));
            }
            catch (MongoBulkWriteException<TDocument> e)
            {
                throw plan.Map(e);
            }
        }
    }

    private async Task<BulkWriteResult<TDocument>> BulkWriteCoreAsync(IClientSessionHandle? session, IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            BulkWritePlan plan = PlanBulkWrite(requests);
            foreach ((IReadOnlyList<Materialization> writes, Collation? collation) in plan.Materialize)
            {
                await MaterializeAsync(session, writes, collation, options?.Let, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return plan.Map(await (session is null
                    ? inner.BulkWriteAsync(plan.Rewritten, options, cancellationToken)
                    : inner.BulkWriteAsync(session, plan.Rewritten, options, cancellationToken)).ConfigureAwait(false));
            }
            catch (MongoBulkWriteException<TDocument> e)
            {
                throw plan.Map(e);
            }
        }
    }

    private BulkWritePlan PlanBulkWrite(IEnumerable<WriteModel<TDocument>> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ActiveMigration[] active = Active();
        var plan = new BulkWritePlan();
        foreach (WriteModel<TDocument> model in requests)
        {
            plan.Add(model, Rewrite(model, active, plan.Materialize));
        }

        return plan;
    }

    private WriteModel<TDocument> Rewrite(WriteModel<TDocument> model, ActiveMigration[] active, List<(IReadOnlyList<Materialization>, Collation?)> materialize)
    {
        switch (model)
        {
            case InsertOneModel<TDocument>:
                return model;
            case ReplaceOneModel<TDocument> replace:
                RefuseCoalescedSort(replace.Sort, active, "BulkWrite ReplaceOne");
                return new ReplaceOneModel<TDocument>(RewriteFilter(replace.Filter, active), replace.Replacement)
                {
                    Collation = replace.Collation, Hint = replace.Hint, IsUpsert = replace.IsUpsert, Sort = replace.Sort,
                };
            case UpdateOneModel<TDocument> update:
                RefuseCoalescedSort(update.Sort, active, "BulkWrite UpdateOne");
                UpdateCall one = RewriteUpdate(update.Filter, update.Update, update.IsUpsert, active);
                materialize.Add((one.Materialize, update.Collation));
                return new UpdateOneModel<TDocument>(one.Filter, one.Update)
                {
                    ArrayFilters = update.ArrayFilters, Collation = update.Collation, Hint = update.Hint, IsUpsert = update.IsUpsert, Sort = update.Sort,
                };
            case UpdateManyModel<TDocument> update:
                UpdateCall many = RewriteUpdate(update.Filter, update.Update, update.IsUpsert, active);
                materialize.Add((many.Materialize, update.Collation));
                return new UpdateManyModel<TDocument>(many.Filter, many.Update)
                {
                    ArrayFilters = update.ArrayFilters, Collation = update.Collation, Hint = update.Hint, IsUpsert = update.IsUpsert,
                };
            case DeleteOneModel<TDocument> delete:
                return new DeleteOneModel<TDocument>(RewriteFilter(delete.Filter, active)) { Collation = delete.Collation, Hint = delete.Hint };
            case DeleteManyModel<TDocument> delete:
                return new DeleteManyModel<TDocument>(RewriteFilter(delete.Filter, active)) { Collation = delete.Collation, Hint = delete.Hint };
            default:
                throw new ArgumentException($"Unknown write model type {model?.GetType().Name ?? "null"}.", nameof(model));
        }
    }

    /// <summary>The rewritten models (in the caller's order), the writes to run before them, and the way back to the caller's models.</summary>
    private sealed class BulkWritePlan
    {
        private readonly Dictionary<WriteModel<TDocument>, WriteModel<TDocument>> originalOf = new(ReferenceEqualityComparer.Instance);

        public List<WriteModel<TDocument>> Rewritten { get; } = [];

        public List<(IReadOnlyList<Materialization> Writes, Collation? Collation)> Materialize { get; } = [];

        public void Add(WriteModel<TDocument> original, WriteModel<TDocument> rewritten)
        {
            Rewritten.Add(rewritten);
            originalOf.TryAdd(rewritten, original);
        }

        public BulkWriteResult<TDocument> Map(BulkWriteResult<TDocument> result) => result.IsAcknowledged
            ? new BulkWriteResult<TDocument>.Acknowledged(result.RequestCount, result.MatchedCount, result.DeletedCount, result.InsertedCount,
                result.IsModifiedCountAvailable ? result.ModifiedCount : null, Map(result.ProcessedRequests), result.Upserts)
            : new BulkWriteResult<TDocument>.Unacknowledged(result.RequestCount, Map(result.ProcessedRequests));

        public MongoBulkWriteException<TDocument> Map(MongoBulkWriteException<TDocument> e)
        {
            var mapped = new MongoBulkWriteException<TDocument>(e.ConnectionId, Map(e.Result), e.WriteErrors, e.WriteConcernError, Map(e.UnprocessedRequests));
            foreach (string label in e.ErrorLabels)
            {
                mapped.AddErrorLabel(label);
            }

            return mapped;
        }

        private List<WriteModel<TDocument>> Map(IEnumerable<WriteModel<TDocument>> models) =>
            [.. models.Select(model => originalOf.GetValueOrDefault(model, model))];
    }
}
