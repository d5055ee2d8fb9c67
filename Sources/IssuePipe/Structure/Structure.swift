/// The structure stage: the issue model from cleaned blocks and the pipeline's rules.
public func structure(_ cleaned: CleanedDocument, extracted: ExtractedDocument, definition: PipelineDefinition) -> IssueDocument {
    IssueDocument(source: extracted.source, pipeline: definition.info, pages: cleaned.pages)
}
