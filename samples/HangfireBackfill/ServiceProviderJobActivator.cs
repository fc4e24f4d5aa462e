using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace HangfireBackfill;

/// <summary>Lets Hangfire create job classes from the application's service provider (Hangfire.NetCore does the same).</summary>
public sealed class ServiceProviderJobActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => ActivatorUtilities.GetServiceOrCreateInstance(services, jobType);
}
