using Nuqta.Dashboard.Hosting;

// "--demo" is a switch without a value, which the configuration's command-line parser would
// pair with the next argument, so it is taken out before the builder reads the rest.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
builder.AddNuqtaDashboard(demo);

var app = builder.Build();
app.UseNuqtaDashboard();
app.Run();

/// <summary>Entry point; public so that integration tests can host the app.</summary>
public partial class Program;
