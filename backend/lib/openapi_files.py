"""OpenAPI for what Litestar cannot infer here: a one-file multipart body read by hand
(``uploads.py``), and answers that are image or audio bytes rather than JSON."""

from __future__ import annotations

from dataclasses import dataclass

from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, RequestBody, Schema
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType


def _binary() -> Schema:
    return Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)


def _upload(description: str) -> RequestBody:
    return RequestBody(
        required=True,
        description=description,
        content={
            "multipart/form-data": OpenAPIMediaType(
                schema=Schema(
                    type=OpenAPIType.OBJECT,
                    properties={"file": _binary()},
                    required=["file"],
                )
            )
        },
    )


def _files(description: str, *media_types: str) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=description,
        content={media_type: OpenAPIMediaType(schema=_binary()) for media_type in media_types},
    )


@dataclass
class PhotoUploadOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _upload(
            "One photo in the field ``file``: JPEG, PNG, WebP or HEIC, up to 25 MB and 40 "
            "megapixels. The type is recognised by content; only re-encoded sizes without "
            "metadata are kept."
        )


@dataclass
class VoiceUploadOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _upload(
            "One recording in the field ``file``: audio/webm or audio/mp4 as MediaRecorder makes "
            "it, up to 30 seconds and 2 MB."
        )


@dataclass
class PhotoFileOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = _files("The photo in one size", "image/webp", "image/jpeg")


@dataclass
class VoiceFileOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = _files("The voice prompt", "audio/webm", "audio/mp4")


@dataclass
class PdfFileOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = _files("The document as PDF", "application/pdf")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class XlsxFileOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = _files("The table as an Excel workbook (XLSX)", XLSX)


@dataclass
class CsvFileOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = _files("The table as CSV (UTF-8)", "text/csv")
