using GoChat.Gateway;
using GoChat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gochat-gateway");
builder.AddGoChatGateway();

var app = builder.Build();
app.MapGoChatGateway();
app.Run();

/// <summary>Visible to the end-to-end tests.</summary>
public partial class Program;
