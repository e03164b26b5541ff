using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Components.Pages.Scorecards;

/// <summary>
/// The scorecard's meeting mode: a full-window presentation with a summary slide, then one slide
/// per model, breaches first. The keyboard script in <c>js/meeting.js</c> sends arrow keys and
/// Escape here. The slide index is server state, so a reconnect keeps it.
/// </summary>
public sealed partial class MeetingPage
{
    internal const string ModulePath = "./js/meeting.js";

    private MeetingDeck? _deck;
    private int _slide;
    private string? _error;
    private string _errorTitle = "";
    private ElementReference _root;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keyboard;
    private DotNetObjectReference<MeetingPage>? _self;

    // True once meeting.js listens for keys; the page shows it as data-keys="ready".
    private bool _keysReady;

    /// <summary>The ISO week to present; the current week when absent.</summary>
    [SupplyParameterFromQuery(Name = "week")] public string? Week { get; set; }

    /// <summary>The one model to present; every model when absent.</summary>
    [SupplyParameterFromQuery(Name = "model")] public string? Model { get; set; }

    [Inject] public required ScorecardQueries Queries { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ILogger<MeetingPage> Logger { get; init; }

    private int SlideCount => 1 + (_deck?.Slides.Count ?? 0);

    private string ScorecardLink => ScorecardFormat.ScorecardLink(_deck?.Scorecard.Week ?? Week ?? Queries.CurrentWeek().ToString(), string.IsNullOrWhiteSpace(Model) ? null : Model);

    private static class Text
    {
        public static string Title(string? week) => week is null ? "Meeting mode" : $"Weekly review {week}";
        public static string Review(string week) => $"Weekly review · {week}";
        public const string Frozen = "frozen";
        public static string Counter(int slide, int count) => $"{slide} / {count}";
        public const string Loading = "Loading the scorecard…";
        public const string Keys = "← → move · F full screen · Esc leave";
        public const string Leave = "Leave meeting mode";
        public const string PreviousSlide = "Previous slide";
        public const string NextSlide = "Next slide";
        public const string BadWeek = "Invalid week";
        public const string ModelNotFound = "Model not found";
    }

    protected override async Task OnParametersSetAsync()
    {
        _error = null;
        _slide = 0;
        try
        {
            var week = string.IsNullOrWhiteSpace(Week) ? Queries.CurrentWeek() : IsoWeek.Parse(Week);
            _deck = await Queries.GetMeetingDeckAsync(week, string.IsNullOrWhiteSpace(Model) ? null : Model);
        }
        catch (InputValidationException ex)
        {
            _errorTitle = Text.BadWeek;
            _error = string.Join(" ", ex.Errors.Select(e => e.Message));
        }
        catch (NotFoundException ex)
        {
            _errorTitle = Text.ModelNotFound;
            _error = ex.Message;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _keyboard = await _module.InvokeAsync<IJSObjectReference>("attach", _self);
            _keysReady = true;
            StateHasChanged();
            await _root.FocusAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit closed while the page was opening, so there is no browser to attach to.
        }
        catch (JSException ex)
        {
            Logger.LogWarning(ex, "Meeting mode could not attach its keyboard handler; the on-screen buttons still work");
        }
    }

    /// <summary>Receives a key action from <c>meeting.js</c>: next, previous, first, last or leave.</summary>
    [JSInvokable]
    public async Task OnMeetingKey(string action)
    {
        switch (action)
        {
            case "next":
                await NextAsync();
                break;
            case "previous":
                await PreviousAsync();
                break;
            case "first":
                _slide = 0;
                break;
            case "last":
                _slide = SlideCount - 1;
                break;
            case "leave":
                await LeaveAsync();
                return;
        }

        StateHasChanged();
    }

    private Task NextAsync()
    {
        _slide = Math.Min(_slide + 1, SlideCount - 1);
        return Task.CompletedTask;
    }

    private Task PreviousAsync()
    {
        _slide = Math.Max(_slide - 1, 0);
        return Task.CompletedTask;
    }

    private async Task LeaveAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("leaveFullScreen");
            }
            catch (JSException ex)
            {
                Logger.LogDebug(ex, "Leaving full screen failed");
            }
        }

        Navigation.NavigateTo(ScorecardLink);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_keyboard is not null)
            {
                await _keyboard.InvokeVoidAsync("detach");
                await _keyboard.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone, and its listeners with it.
        }

        _self?.Dispose();
    }
}
