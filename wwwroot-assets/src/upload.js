// Sends one file to the app's staging endpoint with XMLHttpRequest, because fetch cannot report
// upload progress. Progress goes back to .NET through the DotNetObjectReference.

export function uploadFile(input, url, antiforgeryToken, progressTarget) {
    const file = input && input.files && input.files[0];
    if (!file) {
        return Promise.resolve({ status: 0, body: JSON.stringify({ detail: "Choose a file first." }) });
    }

    return new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open("POST", url);
        request.setRequestHeader("RequestVerificationToken", antiforgeryToken);
        request.upload.onprogress = (event) => {
            if (event.lengthComputable) {
                progressTarget.invokeMethodAsync("OnUploadProgress", event.loaded, event.total);
            }
        };
        request.onload = () => resolve({ status: request.status, body: request.responseText });
        request.onerror = () => resolve({ status: 0, body: JSON.stringify({ detail: "The upload failed: the connection to the server was lost." }) });
        const form = new FormData();
        form.append("file", file, file.name);
        request.send(form);
    });
}

export function selectedFileName(input) {
    return input && input.files && input.files[0] ? input.files[0].name : null;
}
