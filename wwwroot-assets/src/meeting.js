// Keyboard control of the scorecard's meeting mode. Arrow keys, Page Up/Down and the space bar move
// between slides, Escape leaves, F toggles the browser's full screen. The keys go to .NET through
// the DotNetObjectReference, which owns the slide state.

export function attach(target) {
    const onKeyDown = (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) {
            return;
        }

        let action = null;
        switch (event.key) {
            case "ArrowRight":
            case "ArrowDown":
            case "PageDown":
            case " ":
                action = "next";
                break;
            case "ArrowLeft":
            case "ArrowUp":
            case "PageUp":
                action = "previous";
                break;
            case "Home":
                action = "first";
                break;
            case "End":
                action = "last";
                break;
            case "Escape":
                action = "leave";
                break;
            case "f":
            case "F":
                toggleFullScreen();
                event.preventDefault();
                return;
        }

        if (action !== null) {
            event.preventDefault();
            target.invokeMethodAsync("OnMeetingKey", action);
        }
    };

    document.addEventListener("keydown", onKeyDown);
    return {
        detach: () => document.removeEventListener("keydown", onKeyDown),
    };
}

// Leaves the browser's full screen, if the page entered it, before the page navigates away.
export function leaveFullScreen() {
    if (document.fullscreenElement) {
        document.exitFullscreen().catch(() => { });
    }
}

function toggleFullScreen() {
    if (document.fullscreenElement) {
        document.exitFullscreen().catch(() => { });
    } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(() => { });
    }
}

function isTyping(element) {
    return element && (element.tagName === "INPUT" || element.tagName === "TEXTAREA" || element.isContentEditable);
}
