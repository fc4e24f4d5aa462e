namespace EmbeddedMongo.Query.Projection;

/// <summary>How a projection builds its output: from nothing, from the input minus some fields, or the input plus fields.</summary>
internal enum ProjectionMode
{
    Inclusion,
    Exclusion,
    AddFields,
}
