using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Nuqta.Dashboard.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NuqtaDbContext>
{
    public NuqtaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NuqtaDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
